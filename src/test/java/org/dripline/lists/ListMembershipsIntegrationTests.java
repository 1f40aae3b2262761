package org.dripline.lists;

import org.springframework.test.context.TestPropertySource;

/** The membership scenarios on the embedded default database (H2), sharing the no-SMTP context's database. */
@TestPropertySource(properties = org.dripline.testing.TestEnvironment.SHARED_H2)
class ListMembershipsIntegrationTests extends ListMembershipScenarios {
}
