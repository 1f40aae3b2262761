package org.dripline.delivery.send;

import java.util.concurrent.TimeUnit;
import org.dripline.testing.TestEnvironment;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.context.SpringBootTest;

/** The shared send limits on H2, in the shared context of the tests that send nothing. */
@SpringBootTest(properties = {TestEnvironment.NO_SMTP, TestEnvironment.SHARED_H2})
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SharedRateLimitsIntegrationTests extends SharedRateLimitsScenarios {
}
