package org.dripline.bounce;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The bounce mailbox and what to do with what arrives there ({@code dripline.bounce.*}).
 *
 * @param imap              where the bounce mailbox is
 * @param softBounceLimit   soft bounces (distinct deliveries) within {@code softBounceWindow} after which an address is
 *                          suppressed; soft means every reason but unknown user, disabled mailbox and unknown domain
 * @param softBounceWindow  how far back soft bounces count towards the limit (ISO-8601 such as P30D, or 30d)
 * @param processedFolder   where handled messages are moved (created if missing), so a re-run does not see them again
 * @param unreadableFolder  where messages that could not be read or parsed are moved for a human to look at
 */
@ConfigurationProperties("dripline.bounce")
public record BounceSettings(
    @DefaultValue Imap imap,
    @DefaultValue("3") int softBounceLimit,
    @DefaultValue("P30D") Duration softBounceWindow,
    @DefaultValue("Dripline-Processed") String processedFolder,
    @DefaultValue("Dripline-Unreadable") String unreadableFolder) {

  public BounceSettings {
    if (softBounceLimit < 1) {
      throw new IllegalArgumentException("dripline.bounce.soft-bounce-limit must be at least 1, was " + softBounceLimit);
    }
    if (softBounceWindow.isNegative() || softBounceWindow.isZero()) {
      throw new IllegalArgumentException("dripline.bounce.soft-bounce-window must be positive, was " + softBounceWindow);
    }
    if (unreadableFolder.equals(processedFolder)) {
      throw new IllegalArgumentException("dripline.bounce.unreadable-folder must differ from processed-folder");
    }
  }

  /** Whether a bounce mailbox is configured at all: without a host there is nothing to read. */
  public boolean mailboxConfigured() {
    return !imap.host().isBlank();
  }

  /**
   * @param host     IMAP server of the bounce mailbox; unset, the bounces command refuses to run
   * @param port     port of that IMAP server
   * @param user     login of the bounce mailbox
   * @param password password of the bounce mailbox
   * @param folder   the folder to read
   * @param ssl      IMAPS (implicit TLS) instead of plain IMAP; STARTTLS is used whenever offered
   * @param timeout  connect and read timeout: a dead server fails the job instead of hanging it
   */
  public record Imap(
      @DefaultValue("") String host,
      @DefaultValue("993") int port,
      @DefaultValue("") String user,
      @DefaultValue("") String password,
      @DefaultValue("INBOX") String folder,
      @DefaultValue("true") boolean ssl,
      @DefaultValue("30s") Duration timeout) {

    @Override
    public String toString() {
      return "Imap[" + user + "@" + host + ":" + port + "/" + folder + ", ssl=" + ssl + ", timeout=" + timeout
          + ", password=" + (password.isBlank() ? "(none)" : "(set)") + "]";
    }
  }
}
