package org.dripline.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.dripline.signup.SignupSettings;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.ui.ExtendedModelMap;

class ArchiveControllerTests {

  static final SignupSettings SIGNUP = new SignupSettings("from@example.org", "", "I agree", "v1", List.of(),
      Duration.ofHours(48), 1, Duration.ofHours(1), 10, Duration.ofHours(1));

  @Test
  void aSwitchedOffArchiveAnswers404EverywhereWithoutReadingAnything() {
    // given the archive switched off (and no archive behind it to read)
    ArchiveController controller = new ArchiveController(null,
        new ArchiveSettings(false, "Letters", Duration.ofMinutes(5), 20, Duration.ofSeconds(30)), SIGNUP);

    // when each page is asked for
    MockHttpServletResponse index = new MockHttpServletResponse();
    MockHttpServletResponse issue = new MockHttpServletResponse();
    String indexView = controller.index(new ExtendedModelMap(), index);
    String issueView = controller.issue("any-issue", new ExtendedModelMap(), issue);

    // then each is the plain 404 page, and the feed a 404
    assertThat(indexView).isEqualTo("archive-missing");
    assertThat(issueView).isEqualTo("archive-missing");
    assertThat(index.getStatus()).isEqualTo(404);
    assertThat(issue.getStatus()).isEqualTo(404);
    assertThat(controller.feed().getStatusCode().value()).isEqualTo(404);
  }

  @Test
  void thePolicyAllowsExactlyTheFormsOwnScript() {
    // the hash in the policy is the hash of the one script the page carries
    assertThat(ArchiveController.POLICY).contains("script-src 'sha256-" + ArchiveController.sha256(
        ArchiveController.TIMEZONE_SCRIPT) + "'").doesNotContain("unsafe-inline';" + " form").contains("default-src 'none'");
  }

  @Test
  void badSettingsStopStartUpNamingTheKey() {
    assertThatThrownBy(() -> new ArchiveSettings(true, "t", Duration.ofMinutes(-1), 20, Duration.ZERO))
        .hasMessageContaining("dripline.archive.max-age");
    assertThatThrownBy(() -> new ArchiveSettings(true, "t", Duration.ZERO, 0, Duration.ZERO))
        .hasMessageContaining("dripline.archive.feed-entries");
    assertThatThrownBy(() -> new ArchiveSettings(true, "t", Duration.ZERO, 501, Duration.ZERO))
        .hasMessageContaining("dripline.archive.feed-entries");
    assertThatThrownBy(() -> new ArchiveSettings(true, "t", Duration.ZERO, 20, Duration.ofSeconds(-1)))
        .hasMessageContaining("dripline.archive.refresh");
    assertThat(new ArchiveSettings(true, "  ", Duration.ZERO, 20, Duration.ZERO).title()).isEqualTo("Newsletter archive");
  }
}
