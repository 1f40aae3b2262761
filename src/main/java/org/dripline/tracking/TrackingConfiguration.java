package org.dripline.tracking;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

@Configuration(proxyBeanMethods = false)
class TrackingConfiguration {

  @Bean
  EventWriter eventWriter(NamedParameterJdbcTemplate jdbc, TrackingSettings settings) {
    return new EventWriter(jdbc, settings.eventQueue(), settings.eventFlushInterval());
  }

  @Bean
  MachineDetector machineDetector(TrackingSettings settings) {
    return new MachineDetector(settings.machineWindow());
  }

  /**
   * First of all filters, so opens and clicks skip Spring Security's chain (these URLs are public
   * and stateless anyway), the request observations and MVC dispatch; every other URL is untouched.
   */
  @Bean
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  FilterRegistrationBean<TrackingFilter> trackingFilter(TokenSigner signer, TrackingStore store, EventWriter events,
      LinkTable links, MachineDetector detector, Clock clock, TrackingSettings settings) {
    FilterRegistrationBean<TrackingFilter> registration = new FilterRegistrationBean<>(new TrackingFilter(signer, store,
        new RecentDeliveries(settings.deliveryCache()), events, links, detector, clock));
    registration.addUrlPatterns(TrackingFilter.OPEN + "*", TrackingFilter.CLICK + "*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }
}
