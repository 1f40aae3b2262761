package org.dripline.bounce;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * One message of the bounce mailbox as it arrived: its IMAP UID and its raw bytes.
 *
 * @param receivedAt when the mailbox got it (the newest Received: header), null when unknown
 * @param unreadable why the mailbox could not hand the message over, or null; its raw bytes are
 *                   then only a stand-in naming the folder's UID, so its key stays stable across runs
 */
record MailboxMessage(long uid, byte[] raw, Instant receivedAt, String unreadable) {

  MailboxMessage(long uid, byte[] raw, Instant receivedAt) {
    this(uid, raw, receivedAt, null);
  }

  static MailboxMessage unreadable(long uidValidity, long uid, String why) {
    return new MailboxMessage(uid, ("unreadable message " + uidValidity + "/" + uid).getBytes(StandardCharsets.US_ASCII),
        null, why);
  }

  String mailboxKey() {
    return BounceParser.sha256(raw);
  }
}
