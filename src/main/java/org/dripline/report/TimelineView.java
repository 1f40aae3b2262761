package org.dripline.report;

import java.time.Instant;
import java.util.List;

/**
 * One subscriber's path through a campaign: each step with its date in the subscriber's own
 * timezone and what happened or will happen to it.
 *
 * @param enrollment  "ACTIVE", "UNSUBSCRIBED", "PAUSED until ...", or why not enrolled
 * @param versionHash the version the subscriber follows (its step structure); null when not enrolled
 * @param version     the same in words: "follows version 3f2a9c1b04de (in force since ...)", or
 *                    "not enrolled: would follow the file on disk (version ...)"
 */
public record TimelineView(String campaignId, String email, String timezone, Instant enrolledAt, String enrollment,
    String versionHash, String version, List<Entry> steps) {

  /**
   * @param due    when the step is (or was) due; null when it cannot be known yet
   * @param local  {@code due} on the subscriber's local clock, e.g. "Tue 2026-12-01 09:00 Europe/Berlin"
   * @param status SENT, PLANNED, SKIPPED, FAILED, SENDING, or EXPECTED (not planned yet)
   * @param detail the why: the skip reason, the SMTP reply, the send window, the condition
   */
  public record Entry(String stepId, Instant due, String local, String status, String detail) {

    /**
     * {@code detail} for a one-line display: an SMTP reply keeps its line breaks in the ledger (a
     * multi-line 250, a trailing CRLF); shown, a break would start what looks like another entry.
     * Trailing breaks go, inner ones are written {@code \r} and {@code \n}.
     */
    public String detailOnOneLine() {
      return oneLine(detail);
    }
  }

  /** {@code text} with trailing whitespace dropped and every CR and LF inside escaped; null stays null. */
  public static String oneLine(String text) {
    return text == null ? null : text.stripTrailing().replace("\r", "\\r").replace("\n", "\\n");
  }
}
