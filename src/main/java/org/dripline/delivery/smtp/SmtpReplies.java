package org.dripline.delivery.smtp;

import org.dripline.delivery.SendFailure;

/**
 * What a failed SMTP exchange means for the message, from the reply code (if the server sent one)
 * and how far the exchange got: a 4xx is a deferral, a 5xx a refusal; without a reply, a failure
 * before the end-of-data dot means the server cannot have taken the message, after it only the
 * lost 250 could have told.
 */
final class SmtpReplies {

  private SmtpReplies() {
  }

  /** @param code the reply code, or -1 when the connection failed without one */
  static SendFailure.Kind kind(int code, boolean dataFinishing) {
    if (code >= 400 && code < 500) {
      return SendFailure.Kind.REJECTED_TEMPORARILY;
    }
    if (code >= 500 && code < 600) {
      return SendFailure.Kind.REJECTED_PERMANENTLY;
    }
    return dataFinishing ? SendFailure.Kind.AMBIGUOUS : SendFailure.Kind.NOT_SENT;
  }
}
