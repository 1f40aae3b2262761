package org.dripline.delivery;

import org.dripline.delivery.dkim.DkimSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Delivery's one settings record. Its three parts keep the key prefixes users already have, and
 * each part is also a bean of its own (see {@code DeliverySettingsConfiguration}) so that a class
 * asks only for the part it needs.
 *
 * @param send               every throughput knob of the sending pipeline ({@code dripline.send.*})
 * @param smtp               the SMTP servers to send through instead of {@code spring.mail.*} ({@code dripline.smtp.*})
 * @param dkim               DKIM signing of every message ({@code dripline.dkim.*})
 * @param allowInsecureLinks send through a real SMTP host even though dripline.base-url is http or a loopback
 *                           address, so links in the mail are unencrypted or lead nowhere (default false: such a
 *                           run is refused)
 */
@ConfigurationProperties("dripline")
public record DeliverySettings(
    @NestedConfigurationProperty @DefaultValue SendSettings send,
    @NestedConfigurationProperty @DefaultValue SmtpSettings smtp,
    @NestedConfigurationProperty @DefaultValue DkimSettings dkim,
    @DefaultValue("false") boolean allowInsecureLinks) {
}
