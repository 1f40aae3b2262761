package org.dripline.subscriber;

/** Only ACTIVE subscribers are enrolled, planned and sent to; the rest are kept for the record. */
public enum SubscriberStatus { ACTIVE, UNSUBSCRIBED, BOUNCED, COMPLAINED }
