package org.dripline.bounce;

import java.time.Duration;
import java.util.List;
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
 * @param webhooks          the sending providers whose bounce and complaint webhooks are accepted (POST /webhooks/*)
 */
@ConfigurationProperties("dripline.bounce")
public record BounceSettings(
    @DefaultValue Imap imap,
    @DefaultValue("3") int softBounceLimit,
    @DefaultValue("P30D") Duration softBounceWindow,
    @DefaultValue("Dripline-Processed") String processedFolder,
    @DefaultValue("Dripline-Unreadable") String unreadableFolder,
    @DefaultValue Webhooks webhooks) {

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

  /**
   * Each provider stays off (its endpoint answers 404) until its secret or key is set.
   *
   * @param ses      Amazon SES notifications through SNS (POST /webhooks/ses)
   * @param mailgun  Mailgun webhooks (POST /webhooks/mailgun)
   * @param sendgrid SendGrid's Event Webhook (POST /webhooks/sendgrid)
   * @param postmark Postmark's bounce and spam complaint webhooks (POST /webhooks/postmark)
   */
  public record Webhooks(@DefaultValue Ses ses, @DefaultValue Mailgun mailgun, @DefaultValue Sendgrid sendgrid,
      @DefaultValue Postmark postmark) {
  }

  /**
   * @param topicArns            the SNS topics (ARNs) SES publishes our bounces and complaints to; unset, SES is off.
   *                             A message from any other topic is refused even when SNS signed it
   * @param confirmSubscriptions confirm an SNS subscription request for one of those topics by fetching its
   *                             SubscribeURL; off, the request is only logged (confirm it in the AWS console)
   */
  public record Ses(@DefaultValue List<String> topicArns, @DefaultValue("false") boolean confirmSubscriptions) {

    public Ses {
      topicArns = topicArns == null ? List.of() : topicArns.stream().map(String::strip).filter(a -> !a.isEmpty()).toList();
    }

    public boolean enabled() {
      return !topicArns.isEmpty();
    }
  }

  /**
   * @param signingKey the HTTP webhook signing key from Mailgun's dashboard; unset, Mailgun is off
   * @param maxAge     how old a request's signed timestamp may be (either way, for clock skew); older ones, and a
   *                   token seen before, are refused
   */
  public record Mailgun(@DefaultValue("") String signingKey, @DefaultValue("PT5M") Duration maxAge) {

    public Mailgun {
      signingKey = signingKey == null ? "" : signingKey.strip();
      if (maxAge.isNegative() || maxAge.isZero()) {
        throw new IllegalArgumentException("dripline.bounce.webhooks.mailgun.max-age must be positive, was " + maxAge);
      }
    }

    public boolean enabled() {
      return !signingKey.isEmpty();
    }

    @Override
    public String toString() {
      return "Mailgun[signingKey=" + (enabled() ? "(set)" : "(none)") + ", maxAge=" + maxAge + "]";
    }
  }

  /**
   * @param publicKey the Event Webhook's verification key from SendGrid's mail settings (base64, as shown there, or
   *                  PEM); unset, SendGrid is off
   */
  public record Sendgrid(@DefaultValue("") String publicKey) {

    public Sendgrid {
      publicKey = publicKey == null ? "" : publicKey.strip();
    }

    public boolean enabled() {
      return !publicKey.isEmpty();
    }
  }

  /**
   * Postmark signs nothing: its webhook URL carries HTTP basic credentials (https://user:password@host/webhooks/postmark).
   *
   * @param username the basic-auth user name in Postmark's webhook URL
   * @param password the basic-auth password in Postmark's webhook URL (a long random value); unset, Postmark is off
   */
  public record Postmark(@DefaultValue("postmark") String username, @DefaultValue("") String password) {

    public Postmark {
      username = username == null || username.isBlank() ? "postmark" : username.strip();
      password = password == null ? "" : password;
    }

    public boolean enabled() {
      return !password.isEmpty();
    }

    @Override
    public String toString() {
      return "Postmark[username=" + username + ", password=" + (enabled() ? "(set)" : "(none)") + "]";
    }
  }
}
