package org.dripline.delivery;

import java.util.List;

/**
 * Several SMTP servers to send through ({@code dripline.smtp.*}), instead of the one of
 * {@code spring.mail.*}. {@link MailServers} decides which servers are used.
 *
 * @param servers {@code dripline.smtp.servers[n].host/port/username/password}: connections go round
 *                robin, and a server that refuses connections sits out a cool-down while the others
 *                carry on (default: none, so {@code spring.mail.*} or the dev inbox is used)
 */
public record SmtpSettings(List<MailServers.Server> servers) {

  public SmtpSettings {
    servers = servers == null ? List.of() : List.copyOf(servers);
  }
}
