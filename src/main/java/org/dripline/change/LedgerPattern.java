package org.dripline.change;

import java.time.Instant;
import java.util.Map;

/**
 * Everyone in flight who stands in the same place: the version they follow and, per step id, what
 * the ledger holds for them. {@code count} people share it; their enrollments lie between
 * {@code firstEnrolled} and {@code lastEnrolled}. The diff works on these, not on people, so its
 * memory depends on how many places there are (a few per step), not on the audience.
 */
record LedgerPattern(String versionHash, Map<String, Held> steps, long count, Instant firstEnrolled,
    Instant lastEnrolled) {

  LedgerPattern {
    steps = Map.copyOf(steps);
  }

  Held held(String stepId) {
    return steps.getOrDefault(stepId, Held.NOTHING);
  }

  /** What the ledger holds for one subscriber and one step. */
  enum Held {
    NOTHING,
    /** Planned, not sent yet. */
    PLANNED,
    /** Sent, or being sent (it may have arrived). */
    RECEIVED,
    /** Skipped (a condition, a suppression) or failed for good. */
    SKIPPED;

    boolean hasRow() {
      return this != NOTHING;
    }

    static Held of(String status) {
      return switch (status) {
        case "PLANNED" -> PLANNED;
        case "SENT", "SENDING" -> RECEIVED;
        default -> SKIPPED;
      };
    }
  }
}
