package org.dripline.report;

/** The report scenario on H2: the database and context of {@link org.dripline.testing.TestEnvironment#SHARED_H2}. */
class CampaignReportIntegrationTests extends CampaignReportScenarios {
}
