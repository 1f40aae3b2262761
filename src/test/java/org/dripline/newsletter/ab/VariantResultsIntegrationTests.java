package org.dripline.newsletter.ab;

/** The A/B tally and SQL assignment on H2: the database and context of {@link org.dripline.testing.TestEnvironment#SHARED_H2}. */
class VariantResultsIntegrationTests extends VariantResultsScenarios {
}
