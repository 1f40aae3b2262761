package org.dripline.bounce;

import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.FolderClosedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.StoreClosedException;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MailDateFormat;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads the bounce mailbox over IMAP, oldest first, from a snapshot taken when the step opens.
 * A message leaves the inbox (copied to the processed folder, then expunged) only after its
 * outcome is committed ({@link #moveOut}); until then a re-run simply sees it again, and
 * the event table's unique mailbox key keeps it from counting twice.
 */
class ImapMailboxReader implements ItemStreamReader<MailboxMessage> {

  /** Far larger than any bounce; a message beyond it is read only this far (its headers and report come first). */
  static final int MAX_MESSAGE_BYTES = 5 * 1024 * 1024;

  private final BounceSettings settings;
  private Store store;
  private Folder inbox;
  private Folder processed;
  private Folder humans;
  private long uidValidity;
  private Message[] messages = new Message[0];
  private int next;

  ImapMailboxReader(BounceSettings settings) {
    this.settings = settings;
  }

  private Folder folder(String name) throws MessagingException {
    Folder folder = store.getFolder(name);
    if (!folder.exists() && !folder.create(Folder.HOLDS_MESSAGES)) {
      throw new MessagingException("cannot create folder " + name);
    }
    return folder;
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
      processed = folder(settings.processedFolder());
      humans = folder(settings.unreadableFolder());
      uidValidity = ((UIDFolder) inbox).getUIDValidity();
      messages = inbox.getMessages();
      // UIDs and flags in one round trip for the whole snapshot; never ENVELOPE (see read)
      FetchProfile profile = new FetchProfile();
      profile.add(FetchProfile.Item.FLAGS);
      profile.add(UIDFolder.FetchProfileItem.UID);
      inbox.fetch(messages, profile);
      next = 0;
    } catch (MessagingException e) {
      close();
      throw new ItemStreamException("bounce mailbox " + imap.user() + "@" + imap.host() + ":" + imap.port()
          + "/" + imap.folder() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Never asks for the IMAP envelope (nor the size, which comes with it): a null sender
   * ({@code From: <>}) makes Angus Mail fail to parse the envelope on GreenMail and Dovecot. The
   * date comes from the message's own newest Received: header instead. A message whose bytes
   * cannot be fetched comes back as unreadable, so it is recorded and set aside instead of failing
   * the job; a lost connection still fails it, because that is the mailbox, not the message.
   */
  @Override
  public MailboxMessage read() throws MessagingException {
    while (next < messages.length) {
      Message message = messages[next++];
      if (message.isExpunged() || message.isSet(Flags.Flag.DELETED)) {
        continue;
      }
      long uid = ((UIDFolder) inbox).getUID(message);
      try {
        byte[] raw = raw(message);
        return new MailboxMessage(uid, raw, receivedAt(raw));
      } catch (MessagingException | IOException | RuntimeException e) {
        failIfDisconnected(e);
        return MailboxMessage.unreadable(uidValidity, uid, e.getClass().getSimpleName() + ": " + e.getMessage());
      }
    }
    return null;
  }

  private static byte[] raw(Message message) throws MessagingException, IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(16 * 1024);
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

  /** The date of the topmost Received: header (the mailbox's own server), else the Date: header, else none. */
  static Instant receivedAt(byte[] raw) {
    try {
      InternetHeaders headers = new InternetHeaders(new ByteArrayInputStream(raw));
      String[] received = headers.getHeader("Received");
      if (received != null && received.length > 0 && received[0].lastIndexOf(';') >= 0) {
        Instant at = date(received[0].substring(received[0].lastIndexOf(';') + 1));
        if (at != null) {
          return at;
        }
      }
      String date = headers.getHeader("Date", " ");
      return date == null ? null : date(date);
    } catch (MessagingException | RuntimeException e) {
      return null;
    }
  }

  private static Instant date(String text) {
    try {
      java.util.Date parsed = new MailDateFormat().parse(text.replaceAll("\\s+", " ").strip());
      return parsed == null ? null : parsed.toInstant();
    } catch (java.text.ParseException | RuntimeException e) {
      return null;
    }
  }

  private void failIfDisconnected(Exception e) {
    if (e instanceof FolderClosedException || e instanceof StoreClosedException || inbox == null || !inbox.isOpen()
        || !store.isConnected()) {
      throw new ItemStreamException("bounce mailbox connection lost: " + e.getMessage(), e);
    }
  }

  /**
   * Called once the outcomes of a chunk's messages are committed: copies them out of the inbox
   * (unreadable ones to the folder for humans) and marks them deleted, one IMAP command each for
   * the whole chunk. Per message, the two round trips cost 97 ms on GreenMail (200 messages in
   * 19 s); a chunk of 20 now shares them. A batch the server refuses is tried message by message,
   * so only a message the server will not copy stays in the inbox, to be seen again (and counted
   * as already recorded) by the next run.
   *
   * @return how many of {@code uids} did not leave the inbox
   */
  int moveOut(List<Long> uids, boolean unreadable) throws MessagingException {
    if (uids.isEmpty()) {
      return 0;
    }
    // The snapshot fetched the UIDs of what read() returned when the step opened: this asks the server nothing.
    // A message another client expunged meanwhile has left the inbox already: neither moved nor left.
    Message[] all = ((UIDFolder) inbox).getMessagesByUID(uids.stream().mapToLong(Long::longValue).toArray());
    Message[] found = Arrays.stream(all).filter(Objects::nonNull).filter(message -> !message.isExpunged())
        .toArray(Message[]::new);
    int left = (int) Arrays.stream(all).filter(Objects::isNull).count();
    if (found.length == 0) {
      return left;
    }
    Folder destination = unreadable ? humans : processed;
    try {
      inbox.copyMessages(found, destination);
    } catch (MessagingException | RuntimeException e) {
      failIfDisconnected(e);
      for (Message message : found) {
        left += moveOne(message, destination) ? 0 : 1;
      }
      return left;
    }
    try {
      inbox.setFlags(found, new Flags(Flags.Flag.DELETED), true);
    } catch (MessagingException | RuntimeException e) {
      // copied already: mark them one by one rather than copy them twice
      failIfDisconnected(e);
      for (Message message : found) {
        left += delete(message) ? 0 : 1;
      }
    }
    return left;
  }

  private boolean moveOne(Message message, Folder destination) throws MessagingException {
    try {
      inbox.copyMessages(new Message[] {message}, destination);
    } catch (MessagingException | RuntimeException e) {
      failIfDisconnected(e);
      return false;
    }
    return delete(message);
  }

  private boolean delete(Message message) throws MessagingException {
    try {
      message.setFlag(Flags.Flag.DELETED, true);
      return true;
    } catch (MessagingException | RuntimeException e) {
      failIfDisconnected(e);
      return false;
    }
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
