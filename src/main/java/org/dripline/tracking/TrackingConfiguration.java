package org.dripline.tracking;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TrackingProperties.class)
class TrackingConfiguration {

  @Bean
  EventWriter eventWriter(NamedParameterJdbcTemplate jdbc, TrackingProperties properties) {
    return new EventWriter(jdbc, properties.eventQueue(), properties.eventFlushInterval());
  }

  @Bean
  MachineDetector machineDetector(TrackingProperties properties) {
    return new MachineDetector(properties.machineWindow());
  }
}
