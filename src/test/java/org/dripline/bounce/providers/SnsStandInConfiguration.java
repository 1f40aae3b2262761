package org.dripline.bounce.providers;

import org.dripline.bounce.providers.ProviderSigning.FakeSns;
import org.dripline.bounce.providers.ProviderSigning.Signer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** SNS's HTTPS endpoints for the webhook tests: the test certificate instead of AWS's, nothing else changed. */
@TestConfiguration(proxyBeanMethods = false)
class SnsStandInConfiguration {

  static final Signer SIGNER = Signer.load("sns-test-signer.p12");

  @Bean
  @Primary
  FakeSns fakeSns() {
    return new FakeSns(SIGNER);
  }
}
