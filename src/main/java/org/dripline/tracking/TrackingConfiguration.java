package org.dripline.tracking;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TrackingProperties.class)
class TrackingConfiguration {

  @Bean
  MachineDetector machineDetector(TrackingProperties properties) {
    return new MachineDetector(properties.machineWindow());
  }
}
