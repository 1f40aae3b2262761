package org.dripline.delivery;

/**
 * A ledger row's life: PLANNED, then SENDING (claimed, committed before SMTP starts), then SENT
 * with the server's reply. FAILED is permanent, SKIPPED means the subscriber was no longer
 * sendable at send time. A SENDING row nobody is working on is ambiguous: it may have arrived.
 */
public enum DeliveryStatus { PLANNED, SENDING, SENT, FAILED, SKIPPED }
