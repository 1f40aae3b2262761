package org.dripline.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.dripline.campaign.CampaignState;
import org.dripline.campaign.Lifecycle;
import org.junit.jupiter.api.Test;

/** The one line the CLI prints and the API returns as {@code message}. */
class LifecycleChangeTests {

  static final Instant MONDAY = Instant.parse("2026-12-07T08:00:00Z");

  @Test
  void aChangeSaysWhatItDidAndTheStateSinceWhen() {
    // given a pause that changed a live campaign
    CampaignState paused = CampaignState.live("spring").apply(CampaignState.Action.PAUSE, MONDAY, "cli:ana").after();
    LifecycleChange change = new LifecycleChange(CampaignState.Action.PAUSE, true, paused, null, null, 0, 0);

    // then the line says it, then the state, since when and by whom
    assertThat(change.describe()).isEqualTo("spring: paused: nothing is sent until resume (runs still enroll and"
        + " plan); now paused (paused since 2026-12-07T08:00:00Z, last change 2026-12-07T08:00:00Z by cli:ana)");
  }

  @Test
  void aRepeatedRequestSaysThereWasNothingToDo() {
    // given a pause asked of a paused campaign / then the line says so, without an error
    CampaignState paused = CampaignState.live("spring").apply(CampaignState.Action.PAUSE, MONDAY, "cli:ana").after();
    assertThat(new LifecycleChange(CampaignState.Action.PAUSE, false, paused, null, null, 0, 0).describe())
        .startsWith("spring: nothing to do, already paused; now paused (paused since");
    assertThat(new LifecycleChange(CampaignState.Action.RESUME, false, CampaignState.live("spring"), null, null, 0, 0)
        .describe()).isEqualTo("spring: nothing to do, not paused; now live");
  }

  @Test
  void aShiftingResumeSaysHowLongThePauseWasAndWhatMoved() {
    // given a resume after five days and four hours that moved 3 enrollments and 2 messages
    LifecycleChange resume = new LifecycleChange(CampaignState.Action.RESUME, true, CampaignState.live("spring"),
        Lifecycle.OnResume.SHIFT, Duration.ofDays(5).plusHours(4), 3, 2);

    // then the line names all of it
    assertThat(resume.describe()).startsWith("spring: resumed after a pause of 5d 4h (on_resume: shift moved"
        + " 3 enrollments and 2 planned messages later by the pause)");
    assertThat(LifecycleChange.human(Duration.ofMinutes(90))).isEqualTo("1h 30m");
    assertThat(LifecycleChange.human(Duration.ofSeconds(42))).isEqualTo("42s");
  }
}
