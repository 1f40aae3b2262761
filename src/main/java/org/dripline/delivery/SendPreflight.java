package org.dripline.delivery;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.dripline.campaign.Campaign;
import org.dripline.delivery.dkim.DkimSigning;
import org.dripline.infra.InfraSettings;
import org.dripline.infra.InvalidInputException;
import org.dripline.tracking.TokenSigner;
import org.springframework.stereotype.Component;

/**
 * What must hold before a run sends through a real SMTP host (anything but the embedded dev
 * inbox), checked in this one place before a run, a restart or a scheduled run writes anything:
 * <ul>
 *   <li>the link and DKIM keys are configured: the generated ones are stored in the database, so
 *       anyone who reads it could sign links, and nobody published the DKIM record on purpose;</li>
 *   <li>{@code dripline.base-url} is https on a host readers can reach, unless
 *       {@code dripline.allow-insecure-links=true}: an http or loopback link in real mail is an
 *       unsubscribe that leaks or leads nowhere.</li>
 * </ul>
 * The dev inbox accepts anything: that is what the embedded default is for. A bounce domain
 * (VERP) that breaks DMARC alignment with the campaign's From domain is refused everywhere, the
 * dev inbox too: it is a configuration error, not a matter of where the mail goes.
 */
@Component
public class SendPreflight {

  // Names and literals that always mean "this machine": no DNS lookup, only what the URL says.
  private static final Pattern LOOPBACK = Pattern.compile(
      "localhost|.*\\.localhost|127(\\.\\d{1,3}){3}|0\\.0\\.0\\.0"
          + "|\\[(0{0,4}:){1,7}0{0,3}1?\\]|\\[::(ffff:)?127(\\.\\d{1,3}){3}\\]");

  private final MailServers servers;
  private final TokenSigner tokens;
  private final DkimSigning dkim;
  private final String baseUrl;
  private final boolean allowInsecureLinks;
  private final SmtpSettings smtp;

  SendPreflight(MailServers servers, TokenSigner tokens, DkimSigning dkim, InfraSettings infra,
      DeliverySettings settings) {
    this.servers = servers;
    this.tokens = tokens;
    this.dkim = dkim;
    this.baseUrl = infra.baseUrl();
    this.allowInsecureLinks = settings.allowInsecureLinks();
    this.smtp = settings.smtp() == null ? new SmtpSettings(null, null) : settings.smtp();
  }

  /**
   * With VERP on: the bounce domain is the campaign's From domain or a subdomain of it, and no
   * fixed {@code mail.smtp.from} would override the bounce addresses.
   *
   * @throws InvalidInputException (CLI exit 2, API 400) with one line naming what to change
   */
  public void checkBounceDomain(Campaign campaign) {
    String misaligned = smtp.misalignment(campaign.from().address());
    if (misaligned != null) {
      throw new InvalidInputException("refusing to run campaign " + campaign.id() + ": " + misaligned
          + "; use " + domain(campaign.from().address()) + " or a subdomain of it");
    }
    if (smtp.verp() && servers.mailProperties().containsKey("mail.smtp.from")) {
      throw new InvalidInputException("refusing to run campaign " + campaign.id() + ": spring.mail.properties.mail.smtp.from"
          + " would replace every bounce address of dripline.smtp.verp-domain; set only one of them");
    }
  }

  private static String domain(String address) {
    return address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
  }

  /** Throws {@link InvalidInputException} (CLI exit 2, API 400) with one line naming what to set. */
  public void check() {
    if (servers.sendsToDevInbox()) {
      return;
    }
    String refusal = refusal(servers.target(), tokens.signsWithGeneratedKey(), dkim.signsWithGeneratedKey(), baseUrl,
        allowInsecureLinks);
    if (refusal != null) {
      throw new InvalidInputException(refusal);
    }
  }

  /** The one-line refusal for a real SMTP host {@code target}, or null when sending may go ahead. */
  static String refusal(String target, boolean generatedTrackingKey, boolean generatedDkimKey, String baseUrl,
      boolean allowInsecureLinks) {
    List<String> problems = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    if (generatedTrackingKey) {
      keys.add("dripline.tracking.keys.<id> (base64, 32 bytes or more)");
    }
    if (generatedDkimKey) {
      keys.add("dripline.dkim.private-key (RSA 2048+, PKCS#8 PEM; or dripline.dkim.enabled=false)");
    }
    if (!keys.isEmpty()) {
      problems.add("no keys configured, set " + String.join(" and ", keys));
    }
    String insecure = insecure(baseUrl);
    if (insecure != null && !allowInsecureLinks) {
      problems.add("dripline.base-url " + baseUrl + " is " + insecure + ", set it to your public https address"
          + " or dripline.allow-insecure-links=true");
    }
    return problems.isEmpty() ? null
        : "refusing to send through " + target + ": " + String.join("; ", problems);
  }

  /** Why links under {@code baseUrl} are unfit for real mail ("http", "a loopback address"), or null. */
  static String insecure(String baseUrl) {
    URI uri = URI.create(baseUrl);
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    boolean loopback = LOOPBACK.matcher(host).matches();
    boolean http = "http".equalsIgnoreCase(uri.getScheme());
    if (http && loopback) {
      return "http on a loopback address";
    }
    return http ? "http" : loopback ? "a loopback address" : null;
  }
}
