package org.dripline.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lifecycle keys of a campaign file: on_resume, reenroll (never only, for now) and exit_when. */
class LifecycleKeysTests {

  @TempDir
  Path tmp;

  @Test
  void readsOnResumeAndTheExitGoal() throws IOException {
    // given a file that shifts on resume, never re-enrolls and leaves on a tag
    Path file = write("""
        on_resume: shift
        reenroll: never
        exit_when: { tag: customer }
        """);

    // when it is loaded
    Campaign campaign = new CampaignLoader().load(file);

    // then the lifecycle says so, and re-entry stays out of use
    assertThat(campaign.lifecycle().onResume()).isEqualTo(Lifecycle.OnResume.SHIFT);
    assertThat(campaign.lifecycle().exitWhen()).isEqualTo(new org.dripline.segment.Rule.Tag("customer"));
    assertThat(campaign.lifecycle().reenrollAfter()).isNull();
  }

  @Test
  void withoutTheKeysMissedStepsCatchUpAndNobodyLeavesOnAGoal() throws IOException {
    // given a file without lifecycle keys / when loaded / then the defaults hold
    assertThat(new CampaignLoader().load(write("")).lifecycle()).isEqualTo(Lifecycle.DEFAULT);
  }

  @Test
  void reEntryIsRefusedAsNotSupportedYetWithItsLine() throws IOException {
    // given a file asking for re-entry after 90 days
    Path file = write("reenroll: after P90D\n");

    // when it is loaded
    InvalidCampaignException e = catchThrowableOfType(InvalidCampaignException.class,
        () -> new CampaignLoader().load(file));

    // then one problem at the key says re-entry is not supported yet
    assertThat(e.problems()).hasSize(1);
    assertThat(e.problems().get(0).line()).isEqualTo(7);
    assertThat(e.problems().get(0).message()).contains("re-entry is not supported yet")
        .contains("reenroll must be never");
  }

  @Test
  void anUnknownResumeModeIsAProblem() throws IOException {
    // given a typo in on_resume / when loaded / then it is named with both modes
    InvalidCampaignException e = catchThrowableOfType(InvalidCampaignException.class,
        () -> new CampaignLoader().load(write("on_resume: later\n")));
    assertThat(e.problems()).singleElement().extracting(Problem::message).asString()
        .contains("on_resume 'later'").contains("catch_up").contains("shift");
  }

  private Path write(String lifecycle) throws IOException {
    return Files.writeString(tmp.resolve("spring.yaml"), """
        id: spring
        name: "Spring"
        from: { name: "Maya", address: "stories@dripline.example" }
        postal_address: "1 Test Street"
        audience:
          all: [ { tag: reader } ]
        %ssteps:
          - id: welcome
            offset: P0D
            template: spring/welcome
            subject: "Welcome"
        """.formatted(lifecycle));
  }
}
