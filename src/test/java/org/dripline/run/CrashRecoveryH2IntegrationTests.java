package org.dripline.run;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dripline.testing.DataDirH2;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SIGKILL scenario of {@link CrashRecoveryIntegrationTests} on the database every new user
 * starts with: the H2 file URL Dripline ships with (no datasource settings at all, only a data
 * directory of its own). A commit that H2 had not yet written when the process died would bring a
 * claimed or sent delivery back as PLANNED, and it would go out again without being reported.
 */
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class CrashRecoveryH2IntegrationTests {

  @TempDir
  Path dataDir;

  @Test
  void killedRunsOnTheEmbeddedDatabaseLoseNothingAndDuplicateOnlyWhatTheyReportedAmbiguous() throws Exception {
    CrashRecoveryIntegrationTests.killFiveTimesAndRecover(List.of("--dripline.data-dir=" + dataDir), this::ids);
  }

  private List<Long> ids(String sql) throws SQLException {
    // the children are dead when this reads: the test's own connection opens (and then closes) the file
    return DataDirH2.ids(dataDir, sql);
  }
}
