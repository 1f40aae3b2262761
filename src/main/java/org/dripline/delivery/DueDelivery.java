package org.dripline.delivery;

/** A PLANNED ledger row read by the send step. */
record DueDelivery(long id, String stepId, long subscriberId, int attempts) {
}
