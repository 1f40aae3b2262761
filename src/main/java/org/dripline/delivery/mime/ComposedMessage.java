package org.dripline.delivery.mime;

/**
 * A message ready for the wire: its {@code Message-ID} (the ledger records it), the envelope
 * sender and recipient, and the bytes (headers, DKIM signature included, and body) exactly as
 * they are sent. The array is not copied: nothing changes it once composed.
 */
public record ComposedMessage(String messageId, String sender, String recipient, byte[] bytes) {
}
