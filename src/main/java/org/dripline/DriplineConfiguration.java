package org.dripline;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DriplineConfiguration {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
