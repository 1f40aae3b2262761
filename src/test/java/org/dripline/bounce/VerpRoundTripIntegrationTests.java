package org.dripline.bounce;

import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The VERP round trip on the embedded default database (H2). */
class VerpRoundTripIntegrationTests extends VerpRoundTripScenarios {

  @DynamicPropertySource
  static void h2(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> "jdbc:h2:mem:verp-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
  }
}
