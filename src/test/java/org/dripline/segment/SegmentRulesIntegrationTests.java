package org.dripline.segment;

/** Segment rule scenarios on H2: the database and context of {@link org.dripline.testing.TestEnvironment#SHARED_H2}. */
class SegmentRulesIntegrationTests extends SegmentRuleScenarios {
}
