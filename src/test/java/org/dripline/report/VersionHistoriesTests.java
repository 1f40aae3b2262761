package org.dripline.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.dripline.campaign.CampaignVersions.VersionRecord;
import org.junit.jupiter.api.Test;

/** The words every display uses for versions: the history's lines and the version a subscriber follows. */
class VersionHistoriesTests {

  static final String A = "aaaaaaaaaaaa0000000000000000000000000000000000000000000000000000";
  static final String B = "bbbbbbbbbbbb1111111111111111111111111111111111111111111111111111";
  static final String C = "cccccccccccc2222222222222222222222222222222222222222222222222222";
  static final Instant T1 = Instant.parse("2026-12-01T08:00:00Z");
  static final Instant T2 = Instant.parse("2026-12-08T08:00:00Z");

  static final List<VersionRecord> TWO = List.of(
      new VersionRecord("c", A, T1, 1, null, null, null, null),
      new VersionRecord("c", B, T2, 2, "week-2's offset P14D -> P15D", C, "ana", T2.plusSeconds(60)));

  @Test
  void theHistoryIsNumberedFromOneAndItsLastVersionIsInForce() {
    // when a history of two versions is read next to a file that is the second
    VersionHistory history = VersionHistories.of("c", TWO, B, null);

    // then each line has the short hash, when, what changed and who accepted it
    assertThat(history.versions()).extracting(VersionHistory.Entry::number).containsExactly(1, 2);
    assertThat(history.versions()).extracting(VersionHistory.Entry::version).containsExactly("aaaaaaaaaaaa", "bbbbbbbbbbbb");
    assertThat(history.versions()).extracting(VersionHistory.Entry::inForce).containsExactly(false, true);
    assertThat(history.versions().get(0).changedOrUnknown()).isEqualTo("first version");
    assertThat(history.versions().get(0).accepted()).isEqualTo("-");
    assertThat(history.versions().get(1).changedOrUnknown()).isEqualTo("week-2's offset P14D -> P15D");
    assertThat(history.versions().get(1).accepted()).isEqualTo("by ana at 2026-12-08T08:01:00Z (change cccccccccccc)");
    assertThat(history.inForce()).isEqualTo(B);
    assertThat(history.fileAhead()).isFalse();
    assertThat(history.fileVersionShort()).isEqualTo("bbbbbbbbbbbb");
  }

  @Test
  void aLaterVersionWithoutSummaryIsNotRecordedAndAnEditedFileIsAhead() {
    VersionHistory history = VersionHistories.of("c", List.of(TWO.get(0),
        new VersionRecord("c", B, T2, 0, " ", null, null, null)), C, null);

    assertThat(history.versions().get(1).changedOrUnknown()).isEqualTo("not recorded");
    assertThat(history.fileAhead()).isTrue();
    assertThat(VersionHistories.of("c", List.of(), C, null).fileAhead()).isTrue();
    assertThat(VersionHistories.of("c", TWO, null, "no campaign file on disk").fileAhead()).isFalse();
  }

  @Test
  void aSubscriberFollowsTheirVersionSinceItCameIntoForce() {
    VersionHistory history = VersionHistories.of("c", TWO, B, null);

    assertThat(VersionHistories.follows(history, B)).isEqualTo("follows version bbbbbbbbbbbb (in force since 2026-12-08T08:00:00Z)");
    assertThat(VersionHistories.follows(history, A)).isEqualTo(
        "follows version aaaaaaaaaaaa (in force since 2026-12-01T08:00:00Z; the version in force now is bbbbbbbbbbbb)");
    assertThat(VersionHistories.follows(history, C)).isEqualTo("follows version cccccccccccc (not in the version history)");
  }

  @Test
  void someoneNotEnrolledWouldFollowTheFileOnDisk() {
    assertThat(VersionHistories.follows(VersionHistories.of("c", TWO, C, null), null))
        .isEqualTo("not enrolled: would follow the file on disk (version cccccccccccc)");
    assertThat(VersionHistories.follows(VersionHistories.of("c", TWO, null, "gone"), null))
        .isEqualTo("not enrolled: would follow the file on disk");
  }
}
