package org.dripline.delivery.send;

/** A PLANNED ledger row read by the send step. */
public record DueDelivery(long id, String stepId, long subscriberId, int attempts) {
}
