package org.dripline.subscriber;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.dripline.infra.InvalidInputException;

/** Why an address is on the suppression list, stored by name in {@code suppressions.reason}. */
public enum SuppressionReason {
  UNSUBSCRIBED(SubscriberStatus.UNSUBSCRIBED), HARD_BOUNCE(SubscriberStatus.BOUNCED),
  COMPLAINT(SubscriberStatus.COMPLAINED), MANUAL(null);

  private final SubscriberStatus status;

  SuppressionReason(SubscriberStatus status) {
    this.status = status;
  }

  /** What the subscriber's own status becomes when their mail stops for this reason; none for a manual entry. */
  public Optional<SubscriberStatus> status() {
    return Optional.ofNullable(status);
  }

  /** A reason as people type it (CLI, CSV): any case; none at all means MANUAL. */
  public static SuppressionReason parse(String text) {
    if (text == null) {
      return MANUAL;
    }
    try {
      return valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException unknown) {
      throw new InvalidInputException("reason must be one of " + Arrays.stream(values()).map(Enum::name).sorted()
          .collect(Collectors.joining(", ")));
    }
  }
}
