package org.dripline.report;

import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The report scenario on H2. */
class CampaignReportIntegrationTests extends CampaignReportScenarios {

  @DynamicPropertySource
  static void h2(DynamicPropertyRegistry registry) {
    String url = "jdbc:h2:mem:report-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    registry.add("spring.datasource.url", () -> url);
  }
}
