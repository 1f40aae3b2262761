package org.dripline.delivery;

import org.dripline.delivery.dkim.DkimSettings;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.mail.autoconfigure.MailProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Delivery's settings ({@link DeliverySettings}: {@code dripline.send.*}, {@code dripline.smtp.*},
 * {@code dripline.dkim.*}), each part a bean of its own, and Spring Boot's own {@code spring.mail.*},
 * which Boot binds only when a host is set (its mail sender is not used here) while
 * {@link MailServers} needs it either way.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MailProperties.class)
class DeliverySettingsConfiguration {

  @Bean
  SendSettings sendSettings(DeliverySettings settings) {
    return settings.send();
  }

  @Bean
  SmtpSettings smtpSettings(DeliverySettings settings) {
    return settings.smtp();
  }

  @Bean
  DkimSettings dkimSettings(DeliverySettings settings) {
    return settings.dkim();
  }
}
