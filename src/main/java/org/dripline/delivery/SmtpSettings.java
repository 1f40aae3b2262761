package org.dripline.delivery;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The SMTP side of sending ({@code dripline.smtp.*}): several servers instead of the one of
 * {@code spring.mail.*} ({@link MailServers} decides which servers are used), and the envelope.
 *
 * @param servers    {@code dripline.smtp.servers[n].host/port/username/password}: connections go round
 *                   robin, and a server that refuses connections sits out a cool-down while the others
 *                   carry on (default: none, so {@code spring.mail.*} or the dev inbox is used)
 * @param verpDomain a bounce address per delivery (VERP): each campaign message's envelope sender (MAIL FROM,
 *                   Return-Path) becomes {@code bounces+<signed delivery token>@<verp-domain>}, so a bounce
 *                   matches its delivery even when it quotes nothing; must be the From domain or a subdomain of
 *                   it, and mail to it must reach the bounce mailbox (default: none, the envelope sender is the
 *                   From address)
 */
public record SmtpSettings(List<MailServers.Server> servers, String verpDomain) {

  // A host name: letter-digit-hyphen labels, at least two. Nothing else may follow the @ of an envelope.
  private static final Pattern DOMAIN = Pattern.compile(
      "(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

  public SmtpSettings {
    servers = servers == null ? List.of() : List.copyOf(servers);
    verpDomain = verpDomain == null || verpDomain.isBlank() ? null : verpDomain.strip().toLowerCase(Locale.ROOT);
    if (verpDomain != null && !DOMAIN.matcher(verpDomain).matches()) {
      throw new IllegalArgumentException("dripline.smtp.verp-domain must be a domain name such as bounces.example.org,"
          + " was '" + verpDomain + "'");
    }
  }

  /** Whether each delivery gets a bounce address of its own. */
  public boolean verp() {
    return verpDomain != null;
  }

  /**
   * Why the bounce domain does not fit a campaign sending from {@code fromAddress}, or null when it
   * does (or VERP is off). DMARC's SPF alignment compares the Return-Path domain with the From
   * domain: only the same domain or a subdomain of it (relaxed alignment, the default) aligns.
   */
  public String misalignment(String fromAddress) {
    if (verpDomain == null) {
      return null;
    }
    String fromDomain = fromAddress.substring(fromAddress.lastIndexOf('@') + 1).strip().toLowerCase(Locale.ROOT);
    if (verpDomain.equals(fromDomain) || verpDomain.endsWith("." + fromDomain)) {
      return null;
    }
    return "dripline.smtp.verp-domain " + verpDomain + " is neither " + fromDomain + " (the From domain of "
        + fromAddress + ") nor a subdomain of it, so the bounce address would break DMARC alignment";
  }
}
