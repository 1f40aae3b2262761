package org.dripline.bounce;

import java.time.Instant;

/** One message of the bounce mailbox as it arrived: its IMAP UID and its raw bytes. */
record MailboxMessage(long uid, byte[] raw, Instant receivedAt) {
}
