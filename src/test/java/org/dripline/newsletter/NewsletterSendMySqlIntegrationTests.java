package org.dripline.newsletter;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.dripline.testing.MariaDbServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The 1,000-list newsletter scenario over Connector/J against MariaDB: 850 get it, once, across a stop and rerun. */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class NewsletterSendMySqlIntegrationTests {

  @TempDir
  Path newsletters;

  @Test
  void exactly850GetTheIssueOnceOnMariaDb() throws Exception {
    NewsletterSendIntegrationTests.exactly850(newsletters, "--spring.datasource.url=" + MariaDbServer.newDatabaseUrl(),
        "--spring.datasource.username=root", "--spring.datasource.password=");
  }
}
