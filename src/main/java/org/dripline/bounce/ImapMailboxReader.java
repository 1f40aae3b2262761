package org.dripline.bounce;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Properties;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads the bounce mailbox over IMAP, oldest first, from a snapshot taken when the step opens.
 * A message leaves the inbox (copied to the processed folder, then expunged) only after its
 * outcome is committed ({@link #markProcessed}); until then a re-run simply sees it again, and
 * the event table's unique mailbox key keeps it from counting twice.
 */
class ImapMailboxReader implements ItemStreamReader<MailboxMessage> {

  /** Far larger than any bounce; a message beyond it is read only this far (its headers and report come first). */
  static final int MAX_MESSAGE_BYTES = 5 * 1024 * 1024;

  private final BounceSettings settings;
  private Store store;
  private Folder inbox;
  private Folder processed;
  private Message[] messages = new Message[0];
  private int next;

  ImapMailboxReader(BounceSettings settings) {
    this.settings = settings;
  }

  @Override
  public void open(ExecutionContext executionContext) {
    BounceSettings.Imap imap = settings.imap();
    if (!settings.mailboxConfigured()) {
      throw new ItemStreamException("dripline.bounce.imap.host is not set: no bounce mailbox to read");
    }
    String protocol = imap.ssl() ? "imaps" : "imap";
    Properties properties = new Properties();
    String timeout = Long.toString(imap.timeout().toMillis());
    properties.put("mail." + protocol + ".connectiontimeout", timeout);
    properties.put("mail." + protocol + ".timeout", timeout);
    properties.put("mail." + protocol + ".writetimeout", timeout);
    properties.put("mail.imap.starttls.enable", "true");
    try {
      store = Session.getInstance(properties).getStore(protocol);
      store.connect(imap.host(), imap.port(), imap.user(), imap.password());
      inbox = store.getFolder(imap.folder());
      inbox.open(Folder.READ_WRITE);
      processed = store.getFolder(settings.processedFolder());
      if (!processed.exists() && !processed.create(Folder.HOLDS_MESSAGES)) {
        throw new MessagingException("cannot create folder " + settings.processedFolder());
      }
      messages = inbox.getMessages();
      next = 0;
    } catch (MessagingException e) {
      close();
      throw new ItemStreamException("bounce mailbox " + imap.user() + "@" + imap.host() + ":" + imap.port()
          + "/" + imap.folder() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public MailboxMessage read() throws MessagingException, IOException {
    while (next < messages.length) {
      Message message = messages[next++];
      if (message.isExpunged() || message.isSet(Flags.Flag.DELETED)) {
        continue;
      }
      long uid = ((UIDFolder) inbox).getUID(message);
      Instant received = message.getReceivedDate() == null ? null : message.getReceivedDate().toInstant();
      return new MailboxMessage(uid, raw(message), received);
    }
    return null;
  }

  private static byte[] raw(Message message) throws MessagingException, IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(Math.max(1024, Math.min(message.getSize(), MAX_MESSAGE_BYTES)));
    message.writeTo(new java.io.OutputStream() {
      @Override
      public void write(int b) {
        if (buffer.size() < MAX_MESSAGE_BYTES) {
          buffer.write(b);
        }
      }

      @Override
      public void write(byte[] b, int off, int len) {
        buffer.write(b, off, Math.max(0, Math.min(len, MAX_MESSAGE_BYTES - buffer.size())));
      }
    });
    return buffer.toByteArray();
  }

  /** Called once the message's outcome is committed: copy it out of the inbox, then mark it deleted. */
  void markProcessed(long uid) throws MessagingException {
    Message message = ((UIDFolder) inbox).getMessageByUID(uid);
    if (message == null) {
      return;
    }
    inbox.copyMessages(new Message[] {message}, processed);
    message.setFlag(Flags.Flag.DELETED, true);
  }

  @Override
  public void close() {
    try {
      if (inbox != null && inbox.isOpen()) {
        inbox.close(true);
      }
    } catch (MessagingException e) {
      // deleted-marked messages are expunged by the next run's close instead
    }
    try {
      if (store != null) {
        store.close();
      }
    } catch (MessagingException e) {
      // nothing left to release
    }
    inbox = null;
    store = null;
    messages = new Message[0];
  }
}
