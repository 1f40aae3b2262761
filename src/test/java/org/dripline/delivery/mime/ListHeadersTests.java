package org.dripline.delivery.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeUtility;
import org.junit.jupiter.api.Test;

class ListHeadersTests {

  @Test
  void aPlainAsciiNameIsAQuotedStringWithItsQuotesEscaped() throws Exception {
    // when the name holds quotes, a backslash and a comma
    String listId = ListHeaders.listId("weekly", "Ada's \"weekly\" notes, \\ more", "news@Example.ORG");

    // then it is one quoted string and a parser reads the name and the id back exactly
    assertThat(listId).isEqualTo("\"Ada's \\\"weekly\\\" notes, \\\\ more\" <weekly.example.org>");
    InternetAddress parsed = new InternetAddress(listId, false);
    assertThat(parsed.getPersonal()).isEqualTo("Ada's \"weekly\" notes, \\ more");
    assertThat(parsed.getAddress()).isEqualTo("weekly.example.org");
  }

  @Test
  void aNameThatLooksLikeAnEncodedWordOrHoldsLineBreaksIsEncodedSoItDecodesToItself() throws Exception {
    // given names a client would otherwise decode, or that would start a header of their own
    String smuggled = ListHeaders.listId("weekly", "=?utf-8?b?QmNjOiB4?=", "news@example.org");
    String broken = ListHeaders.listId("weekly", "News\r\nBcc: victim@example.org", "news@example.org");

    // then the first is encoded by us and decodes to exactly its text; the second is one line
    assertThat(smuggled).startsWith("=?UTF-8?B?");
    assertThat(MimeUtility.decodeText(smuggled)).isEqualTo("=?utf-8?b?QmNjOiB4?= <weekly.example.org>");
    assertThat(broken).doesNotContain("\r", "\n").isEqualTo("\"News Bcc: victim@example.org\" <weekly.example.org>");
  }

  @Test
  void aCampaignWithoutANameHasTheIdAlone() {
    assertThat(ListHeaders.listId("weekly", "  ", "news@example.org")).isEqualTo("<weekly.example.org>");
  }

  @Test
  void theSenderIdIsFiveToFifteenCharactersFromTheFromDomain() {
    // given From domains short, ordinary and long / then each SenderId fits Gmail's 5 to 15 characters
    assertThat(ListHeaders.senderId("a@dripline.example")).isEqualTo("dripline");
    assertThat(ListHeaders.senderId("a@news.example.org")).isEqualTo("news-example");
    assertThat(ListHeaders.senderId("a@ab.io")).isEqualTo("ab-mail");
    assertThat(ListHeaders.senderId("a@mail.a-very-long-company-name.example")).isEqualTo("mail-a-very-lon");
    assertThat(ListHeaders.senderId("a@newsletters.x.org")).isEqualTo("newsletters-x");
    for (String from : new String[] {"a@b.co", "a@dripline.example", "a@xxxxxxxxxxxxxx-.example.org"}) {
      assertThat(ListHeaders.senderId(from)).as(from).hasSizeBetween(5, 15).matches("[a-z0-9-]+").doesNotEndWith("-");
    }
  }

  @Test
  void theFeedbackIdHasAtMostFourFieldsWhateverTheIds() {
    // when ids carry colons (they cannot from a campaign file, but the header must not depend on it)
    String feedbackId = ListHeaders.feedbackId("a:b", "c:d", "news@example.org");

    // then the header keeps three fields, the SenderId last
    assertThat(feedbackId).isEqualTo("a-b:c-d:example");
    assertThat(feedbackId.split(":")).hasSize(3);
    assertThatThrownBy(() -> ListHeaders.feedbackId("a\r\nBcc: x", "s", "news@example.org"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
