package org.dripline.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.dripline.infra.ConflictException;
import org.junit.jupiter.api.Test;

/** The lifecycle's transitions, without a database: what each action does from each state. */
class CampaignStateTests {

  static final Instant MONDAY = Instant.parse("2026-12-07T08:00:00Z");
  static final Instant TUESDAY = Instant.parse("2026-12-08T08:00:00Z");
  static final Instant FRIDAY = Instant.parse("2026-12-11T08:00:00Z");

  final CampaignState live = CampaignState.live("spring");

  @Test
  void aCampaignNobodyChangedIsLive() {
    // given no stored state / then it sends and enrolls
    assertThat(live.status()).isEqualTo("live");
    assertThat(live.paused()).isFalse();
    assertThat(live.closed()).isFalse();
    assertThat(live.archived()).isFalse();
    assertThat(live.revision()).isNegative();
  }

  @Test
  void pauseAndResumeRecordWhenAndWhoAndAreIdempotent() {
    // when a live campaign is paused on Monday, then again on Tuesday
    CampaignState.Transition paused = live.apply(CampaignState.Action.PAUSE, MONDAY, "cli:ana");
    CampaignState.Transition again = paused.after().apply(CampaignState.Action.PAUSE, TUESDAY, "cli:ben");

    // then the first pause holds from Monday by Ana, and the second changes nothing
    assertThat(paused.changed()).isTrue();
    assertThat(paused.after().pausedAt()).isEqualTo(MONDAY);
    assertThat(paused.after().changedBy()).isEqualTo("cli:ana");
    assertThat(paused.after().status()).isEqualTo("paused");
    assertThat(again.changed()).isFalse();
    assertThat(again.after()).isEqualTo(paused.after());

    // and resuming twice ends the pause once
    CampaignState.Transition resumed = again.after().apply(CampaignState.Action.RESUME, FRIDAY, "api");
    assertThat(resumed.changed()).isTrue();
    assertThat(resumed.after().status()).isEqualTo("live");
    assertThat(resumed.after().changedAt()).isEqualTo(FRIDAY);
    assertThat(resumed.after().apply(CampaignState.Action.RESUME, FRIDAY, "api").changed()).isFalse();
  }

  @Test
  void closeAndPauseCombineAndUndoSeparately() {
    // given a campaign closed on Monday and paused on Tuesday
    CampaignState closed = live.apply(CampaignState.Action.CLOSE, MONDAY, "a").after();
    CampaignState both = closed.apply(CampaignState.Action.PAUSE, TUESDAY, "a").after();

    // then it is both; reopening keeps the pause, resuming keeps the closure
    assertThat(both.status()).isEqualTo("paused and closed");
    assertThat(both.apply(CampaignState.Action.REOPEN, FRIDAY, "a").after().status()).isEqualTo("paused");
    assertThat(both.apply(CampaignState.Action.RESUME, FRIDAY, "a").after().status()).isEqualTo("closed");
    assertThat(both.apply(CampaignState.Action.CLOSE, FRIDAY, "a").changed()).isFalse();
    assertThat(live.apply(CampaignState.Action.REOPEN, FRIDAY, "a").changed()).isFalse();
  }

  @Test
  void archivingIsPausingAndClosingKeepingAnEarlierPausesStart() {
    // given a campaign paused on Monday, archived on Tuesday
    CampaignState paused = live.apply(CampaignState.Action.PAUSE, MONDAY, "a").after();
    CampaignState archived = paused.apply(CampaignState.Action.ARCHIVE, TUESDAY, "b").after();

    // then it is archived, paused since Monday (a later resume counts the whole pause), closed since Tuesday
    assertThat(archived.status()).isEqualTo("archived");
    assertThat(archived.paused()).isTrue();
    assertThat(archived.closed()).isTrue();
    assertThat(archived.pausedAt()).isEqualTo(MONDAY);
    assertThat(archived.closedAt()).isEqualTo(TUESDAY);
    assertThat(archived.archivedAt()).isEqualTo(TUESDAY);
  }

  @Test
  void anArchiveIsReadOnlyUntilUnarchivedAndComesBackPausedAndClosed() {
    // given an archived campaign
    CampaignState archived = live.apply(CampaignState.Action.ARCHIVE, MONDAY, "a").after();

    // when it is paused, closed or archived again / then nothing changes (all of that holds)
    for (CampaignState.Action action : new CampaignState.Action[] {CampaignState.Action.PAUSE,
        CampaignState.Action.CLOSE, CampaignState.Action.ARCHIVE}) {
      assertThat(archived.apply(action, TUESDAY, "b").changed()).as(action.word()).isFalse();
    }
    // when it is resumed or reopened / then that is refused, naming the way back
    for (CampaignState.Action action : new CampaignState.Action[] {CampaignState.Action.RESUME,
        CampaignState.Action.REOPEN}) {
      assertThatThrownBy(() -> archived.apply(action, TUESDAY, "b")).isInstanceOf(ConflictException.class)
          .hasMessageContaining("spring is archived").hasMessageContaining("dripline campaign unarchive spring")
          .hasMessageContaining("then " + action.word());
    }

    // when it is unarchived / then it is paused and closed (since the archive), no longer archived
    CampaignState.Transition back = archived.apply(CampaignState.Action.UNARCHIVE, FRIDAY, "c");
    assertThat(back.changed()).isTrue();
    assertThat(back.after().status()).isEqualTo("paused and closed");
    assertThat(back.after().pausedAt()).isEqualTo(MONDAY);
    assertThat(back.after().archivedAt()).isNull();
    assertThat(back.after().apply(CampaignState.Action.UNARCHIVE, FRIDAY, "c").changed()).isFalse();
    assertThat(live.apply(CampaignState.Action.UNARCHIVE, FRIDAY, "c").changed()).isFalse();
  }
}
