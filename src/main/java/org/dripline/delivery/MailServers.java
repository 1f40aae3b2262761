package org.dripline.delivery;

import java.util.List;
import java.util.Map;
import org.dripline.infra.InfraSettings;
import org.springframework.boot.mail.autoconfigure.MailProperties;
import org.springframework.stereotype.Component;

/**
 * The SMTP servers every message goes to, read in this one place: the
 * {@code dripline.smtp.servers} list when there is one, else {@code spring.mail.host/port/username/password}
 * (Spring Boot's standard properties), else the embedded dev inbox, which runs exactly when
 * {@code spring.mail.host} is not set.
 */
@Component
public class MailServers {

  /** One SMTP server; {@code username} and {@code password} are null without authentication. */
  public record Server(String host, int port, String username, String password) {

    public Server {
      username = username == null || username.isBlank() ? null : username;
      password = password == null || password.isBlank() ? null : password;
    }

    /** {@code host:port}, as logs and the health endpoint show it. */
    public String target() {
      return host + ":" + port;
    }

    @Override
    public String toString() {
      // never the password: a server may end up in a log line or an exception message
      return target() + (username == null ? "" : " as " + username);
    }
  }

  private final List<Server> servers;
  private final boolean devInboxRuns;
  private final boolean listed;
  private final Map<String, String> mailProperties;

  MailServers(MailProperties mail, SmtpSettings smtp, InfraSettings infra) {
    int devInboxPort = infra.devInbox().smtpPort();
    String host = mail.getHost() == null ? "" : mail.getHost().strip();
    this.devInboxRuns = host.isEmpty();
    this.listed = !smtp.servers().isEmpty();
    Integer port = mail.getPort();
    this.servers = listed ? smtp.servers() : List.of(devInboxRuns
        ? new Server("127.0.0.1", devInboxPort, null, null)
        : new Server(host, port != null && port > 0 ? port : 25, mail.getUsername(), mail.getPassword()));
    this.mailProperties = Map.copyOf(mail.getProperties());
  }

  /** The servers in their configured order; never empty. */
  public List<Server> servers() {
    return servers;
  }

  /** Every server as {@code host:port}, comma-separated. */
  public String target() {
    return String.join(", ", servers.stream().map(Server::target).toList());
  }

  /** No {@code spring.mail.host} is set, so the embedded dev inbox runs in this process (or another's). */
  public boolean devInboxRuns() {
    return devInboxRuns;
  }

  /** Mail goes to the embedded dev inbox: it runs, and no {@code dripline.smtp.servers} are listed. */
  public boolean sendsToDevInbox() {
    return devInboxRuns && !listed;
  }

  /** {@code spring.mail.properties.*}: extra Jakarta Mail settings (STARTTLS, EHLO name ...). */
  public Map<String, String> mailProperties() {
    return mailProperties;
  }
}
