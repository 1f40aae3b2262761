package org.dripline.bounce;

/**
 * Why a message bounced, read from the RFC 3463 code and the diagnostic text
 * ({@link BounceClassifier}). Only the three reasons that say the address itself is gone are
 * hard; every other reason is about this message, this moment or this sender, so it is soft and
 * only counts towards {@code dripline.bounce.soft-bounce-limit}. Stored by name in
 * {@code bounce_events.reason}.
 */
public enum BounceReason {
  USER_UNKNOWN(true),
  MAILBOX_DISABLED(true),
  DOMAIN_UNKNOWN(true),
  MAILBOX_FULL(false),
  MESSAGE_TOO_LARGE(false),
  POLICY(false),
  RATE_LIMITED(false),
  EXPIRED(false),
  SYSTEM_ERROR(false),
  OTHER(false);

  private final boolean hard;

  BounceReason(boolean hard) {
    this.hard = hard;
  }

  /** Whether a permanent failure for this reason means the address will never accept mail again. */
  public boolean hard() {
    return hard;
  }

  /** "user-unknown", as the CLI prints it. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
