package org.dripline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KnownPropertiesTests {

  static final KnownProperties KNOWN = KnownProperties.fromClasspath(KnownPropertiesTests.class.getClassLoader());

  @Test
  void springBootAndDriplineKeysAreKnownInEveryRelaxedSpelling() {
    assertThat(KNOWN.knows("server.port")).isTrue();
    assertThat(KNOWN.knows("management.endpoints.web.exposure.include")).isTrue();
    assertThat(KNOWN.knows("spring.datasource.hikari.maximum-pool-size")).isTrue();
    assertThat(KNOWN.knows("spring.datasource.hikari.maximumPoolSize")).isTrue();
    assertThat(KNOWN.knows("dripline.send.threads")).isTrue();
    assertThat(KNOWN.knows("dripline.base-url")).isTrue();
  }

  @Test
  void keysBelowAMapPropertyAreKnown() {
    assertThat(KNOWN.knows("logging.level.org.dripline")).isTrue();
    assertThat(KNOWN.knows("dripline.tracking.keys.k2026")).isTrue();
  }

  @Test
  void aTypoIsUnknown() {
    assertThat(KNOWN.knows("dripline.sned.threads")).isFalse();
    assertThat(KNOWN.knows("server.prot")).isFalse();
  }
}
