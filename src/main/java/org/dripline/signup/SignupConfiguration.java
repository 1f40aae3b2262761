package org.dripline.signup;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** The sign-up's settings, {@code dripline.subscribe.*}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SignupSettings.class)
class SignupConfiguration {
}
