package org.dripline.delivery;

import java.time.Instant;

/**
 * One step as one subscriber gets it: the rendered subject and both parts, the raw message
 * ({@code eml}, as it goes over SMTP), and {@code status}: what the ledger says of that step for
 * that subscriber at {@code asOf} (sent, planned, skipped and why, or when it will be due).
 * {@code versionHash} is the campaign version whose steps the subscriber follows (their
 * enrollment's); null when they are not enrolled. The content is always the file's.
 */
public record Preview(String campaignId, String stepId, String email, Instant asOf, String subject, String from,
    String to, String html, String text, String status, String eml, String versionHash) {
}
