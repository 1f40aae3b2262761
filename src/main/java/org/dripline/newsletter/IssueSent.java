package org.dripline.newsletter;

import java.time.Instant;
import org.dripline.campaign.Campaign;

/**
 * An issue went out with this content: published once when its sending starts (the audience snapshot is
 * recorded; {@code winner} null) and, for an A/B test, once more when the winner is recorded ({@code winner}:
 * the variant the rest of the audience gets). {@code issue} is the file as that run loaded and sends it; the
 * file may be edited or deleted afterwards, so a listener that needs what was sent keeps its own copy.
 *
 * <p>Published synchronously inside the transaction that records the moment, so a listener's writes commit
 * (or roll back) with it: whatever a listener throws fails that transaction and the run (a rerun retries), so
 * a listener throws only for what must not be committed without it.
 */
public record IssueSent(Campaign issue, String winner, Instant at) {
}
