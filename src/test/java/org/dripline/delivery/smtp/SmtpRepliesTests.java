package org.dripline.delivery.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.dripline.delivery.SendFailure.Kind;
import org.junit.jupiter.api.Test;

/** Which failed exchange means what: by reply code, and without one by how far the data got. */
class SmtpRepliesTests {

  @Test
  void replyCodesDecideWhereThereIsOne() {
    assertThat(SmtpReplies.kind(421, false)).isEqualTo(Kind.REJECTED_TEMPORARILY);
    assertThat(SmtpReplies.kind(451, true)).isEqualTo(Kind.REJECTED_TEMPORARILY);
    assertThat(SmtpReplies.kind(550, false)).isEqualTo(Kind.REJECTED_PERMANENTLY);
    assertThat(SmtpReplies.kind(554, true)).isEqualTo(Kind.REJECTED_PERMANENTLY);
  }

  @Test
  void withoutAReplyOnlyAFailureAfterTheEndOfDataIsAmbiguous() {
    assertThat(SmtpReplies.kind(-1, false)).isEqualTo(Kind.NOT_SENT);
    assertThat(SmtpReplies.kind(-1, true)).isEqualTo(Kind.AMBIGUOUS);
  }
}
