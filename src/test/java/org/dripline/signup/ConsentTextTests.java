package org.dripline.signup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.dripline.campaign.Hashes;
import org.dripline.lists.MailingList;
import org.junit.jupiter.api.Test;

/** Which consent text a form shows and which version the sign-up records: one rule for every form. */
class ConsentTextTests {

  static final SignupSettings SETTINGS = new SignupSettings("from@example.org", "", "I agree to the series.",
      "2026-11-v1", List.of(), Duration.ofHours(48), 1, Duration.ofHours(1), 10, Duration.ofHours(1));

  @Test
  void aListWithItsOwnTextShowsItAndRecordsItsShortHash() {
    // given a list whose file has a consent text
    MailingList list = new MailingList("news", "News", "", true, true, "Yes, email me News.");

    // when its form's consent is asked for
    ConsentText consent = ConsentText.of(list, SETTINGS);

    // then it is the list's text, versioned by the short SHA-256 every file version is shown by
    assertThat(consent.text()).isEqualTo("Yes, email me News.");
    assertThat(consent.version()).isEqualTo(Hashes.shortHash(Hashes.sha256(
        "Yes, email me News.".getBytes(StandardCharsets.UTF_8)))).matches("[0-9a-f]{12}");
  }

  @Test
  void theVersionChangesWithTheTextAndOnlyWithIt() {
    // given two lists with the same text, and one with a word changed
    String same = ConsentText.of(new MailingList("a", "A", "", true, true, "Yes, email me."), SETTINGS).version();
    String again = ConsentText.of(new MailingList("b", "B", "x", false, false, "Yes, email me."), SETTINGS).version();
    String changed = ConsentText.of(new MailingList("a", "A", "", true, true, "Yes, email me!"), SETTINGS).version();

    // then the version names the text, not the list or its other settings
    assertThat(again).isEqualTo(same);
    assertThat(changed).isNotEqualTo(same);
  }

  @Test
  void aListWithoutATextAndTheSeriesFormShowTheSeriesWideTextAndItsConfiguredVersion() {
    // given a list file without consent, and the series form (no list)
    ConsentText listWithout = ConsentText.of(new MailingList("plain", "Plain", "", true, true), SETTINGS);
    ConsentText series = ConsentText.of(null, SETTINGS);

    // then both are the configured series text and version
    assertThat(listWithout).isEqualTo(new ConsentText("I agree to the series.", "2026-11-v1"));
    assertThat(series).isEqualTo(ConsentText.series(SETTINGS)).isEqualTo(listWithout);
  }

  @Test
  void onlyAGivenVersionOtherThanTheTextsOwnIsAnotherText() {
    // given the series text, version 2026-11-v1
    ConsentText series = ConsentText.series(SETTINGS);

    // then nothing given, blank or the same version with spaces names this text; any other version does not
    assertThat(series.isNot(null)).isFalse();
    assertThat(series.isNot("  ")).isFalse();
    assertThat(series.isNot(" 2026-11-v1 ")).isFalse();
    assertThat(series.isNot("2026-10-v1")).isTrue();
  }
}
