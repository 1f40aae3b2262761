package org.dripline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import org.dripline.report.VersionHistory;
import org.junit.jupiter.api.Test;

/** The version history as `versions` and `report` print it. */
class VersionsCommandTests {

  static final String A = "aaaaaaaaaaaa0000000000000000000000000000000000000000000000000000";
  static final String B = "bbbbbbbbbbbb1111111111111111111111111111111111111111111111111111";
  static final String C = "cccccccccccc2222222222222222222222222222222222222222222222222222";

  @Test
  void eachVersionIsALineWithWhenWhatChangedAndWhoAcceptedItTheOneInForceStarred() {
    // given two versions, the second accepted by ana, and a file edited since
    VersionHistory history = new VersionHistory("c", C, null, B, List.of(
        new VersionHistory.Entry(1, "aaaaaaaaaaaa", A, Instant.parse("2026-12-01T08:00:00Z"), null, null, null, null, false),
        new VersionHistory.Entry(2, "bbbbbbbbbbbb", B, Instant.parse("2026-12-08T08:00:00Z"), "added step week-7",
            C, "ana", Instant.parse("2026-12-08T09:00:00Z"), true)));

    // when printed
    String out = print(history);

    // then
    assertThat(out).contains("Versions of c (oldest first; * in force):");
    assertThat(out).containsPattern("\\n  1\\s+aaaaaaaaaaaa\\s+2026-12-01T08:00:00Z\\s+first version\\s+-\\n");
    assertThat(out).containsPattern("\\n\\* 2\\s+bbbbbbbbbbbb\\s+2026-12-08T08:00:00Z\\s+added step week-7\\s+"
        + "by ana at 2026-12-08T09:00:00Z \\(change cccccccccccc\\)\\n");
    assertThat(out).contains("File on disk: version cccccccccccc, not in force yet (edited since the last run)");
  }

  @Test
  void noHistoryYetAndAMissingOrBrokenFileAreSaidInWords() {
    assertThat(print(new VersionHistory("c", C, null, null, List.of())))
        .contains("none in force yet: the first run puts the file on disk in force")
        .contains("File on disk: version cccccccccccc, not in force yet");
    assertThat(print(new VersionHistory("c", null, "no campaign file on disk", null, List.of())))
        .contains("File on disk: no campaign file on disk");
  }

  static String print(VersionHistory history) {
    StringWriter out = new StringWriter();
    VersionsCommand.print(history, new PrintWriter(out, true));
    return out.toString();
  }
}
