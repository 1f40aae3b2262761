package org.dripline.delivery;

import org.dripline.delivery.dkim.DkimSettings;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.mail.autoconfigure.MailProperties;
import org.springframework.context.annotation.Configuration;

/**
 * Delivery's settings: {@code dripline.send.*}, {@code dripline.smtp.*}, {@code dripline.dkim.*},
 * and Spring Boot's own {@code spring.mail.*}, which Boot binds only when a host is set (its mail
 * sender is not used here) while {@link MailServers} needs it either way.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SendSettings.class, SmtpSettings.class, DkimSettings.class, MailProperties.class})
class DeliverySettingsConfiguration {
}
