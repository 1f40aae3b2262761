package org.dripline.delivery;

/**
 * Why a message was not confirmed sent, classified by what it means for the ledger.
 */
public class SendFailure extends Exception {

  public enum Kind {
    /** 4xx: the server declined for now; the message was not accepted and may be retried. */
    REJECTED_TEMPORARILY,
    /** 5xx: the server refused this message or recipient for good. */
    REJECTED_PERMANENTLY,
    /** The connection failed before the message was complete: it certainly was not accepted. */
    NOT_SENT,
    /** The connection failed after the whole message was sent but before the reply: it may have been accepted. */
    AMBIGUOUS
  }

  private final Kind kind;
  private final String reply;

  public SendFailure(Kind kind, String reply, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.reply = reply;
  }

  public Kind kind() {
    return kind;
  }

  /** The server's reply line when there was one, else null. */
  public String reply() {
    return reply;
  }
}
