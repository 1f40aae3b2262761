package org.dripline.change;

import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The live-change property on the embedded default database (H2). */
class LiveChangePropertyIntegrationTests extends LiveChangeProperties {

  @DynamicPropertySource
  static void h2(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> "jdbc:h2:mem:live-prop-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
  }

  @Override
  int defaultCases() {
    return 25;
  }
}
