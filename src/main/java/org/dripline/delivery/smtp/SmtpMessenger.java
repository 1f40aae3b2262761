package org.dripline.delivery.smtp;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import jakarta.mail.internet.MimeMessage;
import java.util.Map;
import java.util.Properties;
import org.dripline.delivery.Messenger;
import org.dripline.delivery.SendFailure;
import org.dripline.delivery.SendSettings;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * SMTP over Jakarta Mail with the standard {@code spring.mail.*} properties. When
 * {@code spring.mail.host} is not set it talks to the embedded dev inbox. Several servers may be
 * listed under {@code dripline.smtp.servers[n].host/port/username/password}: connections go round
 * robin, and a server that refuses connections sits out a cool-down while the others carry on.
 */
@Component
public class SmtpMessenger implements Messenger {

  private static final Logger log = LoggerFactory.getLogger(SmtpMessenger.class);

  static final java.time.Duration COOL_DOWN = java.time.Duration.ofSeconds(30);

  /** One SMTP server and, when it last refused a connection, until when it is left out. */
  record Server(String host, int port, String username, String password) {
    String target() {
      return host + ":" + port;
    }
  }

  private final Session session;
  private final java.util.List<Server> servers;
  private final java.util.Map<Server, Long> unhealthyUntil = new java.util.concurrent.ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();

  public SmtpMessenger(Environment environment, SendSettings settings,
      @Value("${spring.mail.host:}") String host, @Value("${spring.mail.port:0}") int port,
      @Value("${spring.mail.username:}") String username, @Value("${spring.mail.password:}") String password,
      @Value("${dripline.dev-inbox.smtp-port:3025}") int devInboxPort) {
    boolean embedded = host.isBlank();
    java.util.List<Server> listed = Binder.get(environment)
        .bind("dripline.smtp.servers", Bindable.listOf(Server.class)).orElse(java.util.List.of());
    this.servers = !listed.isEmpty() ? java.util.List.copyOf(listed) : java.util.List.of(new Server(
        embedded ? "127.0.0.1" : host, embedded ? devInboxPort : (port > 0 ? port : 25),
        username.isBlank() ? null : username, password.isBlank() ? null : password));
    boolean authenticated = servers.stream().anyMatch(server -> server.username() != null);
    Properties properties = new Properties();
    properties.put("mail.smtp.connectiontimeout", String.valueOf(settings.connectTimeout().toMillis()));
    properties.put("mail.smtp.timeout", String.valueOf(settings.readTimeout().toMillis()));
    properties.put("mail.smtp.writetimeout", String.valueOf(settings.readTimeout().toMillis()));
    properties.put("mail.smtp.auth", String.valueOf(authenticated));
    properties.put("mail.smtp.socketFactory", new NoDelaySocketFactory());
    properties.put("mail.smtp.socketFactory.fallback", "false");
    // Extra Jakarta Mail settings (STARTTLS, EHLO name...) pass through as with Spring's JavaMailSender.
    Binder.get(environment).bind("spring.mail.properties", Bindable.mapOf(String.class, String.class))
        .orElse(Map.of()).forEach(properties::put);
    this.session = Session.getInstance(properties);
    log.debug("SMTP messenger targets {}", target());
  }

  public String target() {
    return String.join(", ", servers.stream().map(Server::target).toList());
  }

  public Session session() {
    return session;
  }

  /** The next healthy server in turn; when every server is cooling down, all are tried anyway. */
  @Override
  public Connection connect() throws SendFailure {
    int start = Math.floorMod(next.getAndIncrement(), servers.size());
    long now = System.nanoTime();
    java.util.List<Server> inTurn = new java.util.ArrayList<>();
    for (int i = 0; i < servers.size(); i++) {
      inTurn.add(servers.get((start + i) % servers.size()));
    }
    java.util.List<Server> healthy = inTurn.stream()
        .filter(server -> unhealthyUntil.getOrDefault(server, now) - now <= 0).toList();
    SendFailure last = null;
    for (Server server : healthy.isEmpty() ? inTurn : healthy) {
      try {
        return connect(server);
      } catch (SendFailure failure) {
        unhealthyUntil.put(server, now + COOL_DOWN.toNanos());
        if (servers.size() > 1) {
          log.warn("SMTP server {} left out for {} s: {}", server.target(), COOL_DOWN.toSeconds(), failure.getMessage());
        }
        last = failure;
      }
    }
    throw last;
  }

  private Connection connect(Server server) throws SendFailure {
    StageTrackingTransport transport = new StageTrackingTransport(session,
        new URLName("smtp", server.host(), server.port(), null, server.username(), server.password()));
    try {
      transport.connect(server.host(), server.port(), server.username(), server.password());
    } catch (MessagingException e) {
      throw new SendFailure(SendFailure.Kind.NOT_SENT, null,
          "cannot connect to SMTP server " + server.target() + ": " + rootMessage(e), e);
    }
    return new SmtpConnection(transport, server);
  }

  private final class SmtpConnection implements Connection {

    private final StageTrackingTransport transport;
    private final Server server;

    SmtpConnection(StageTrackingTransport transport, Server server) {
      this.transport = transport;
      this.server = server;
    }

    private String target() {
      return server.target();
    }

    @Override
    public String send(MimeMessage message) throws SendFailure {
      transport.startMessage();
      try {
        Address[] recipients = message.getAllRecipients();
        transport.sendMessage(message, recipients);
        return transport.getLastServerResponse();
      } catch (MessagingException e) {
        throw classify(e);
      }
    }

    private SendFailure classify(MessagingException e) {
      int code = replyCode(e);
      String reply = code > 0 ? transport.getLastServerResponse() : null;
      if (code >= 400 && code < 500) {
        return new SendFailure(SendFailure.Kind.REJECTED_TEMPORARILY, reply, "server deferred the message: " + reply, e);
      }
      if (code >= 500 && code < 600) {
        return new SendFailure(SendFailure.Kind.REJECTED_PERMANENTLY, reply, "server rejected the message: " + reply, e);
      }
      if (transport.dataFinishing()) {
        return new SendFailure(SendFailure.Kind.AMBIGUOUS, null,
            "connection to " + target() + " lost while waiting for the server to accept the message: " + rootMessage(e), e);
      }
      return new SendFailure(SendFailure.Kind.NOT_SENT, null,
          "connection to " + target() + " failed before the message was sent: " + rootMessage(e), e);
    }

    @Override
    public void close() {
      try {
        transport.close();
      } catch (MessagingException e) {
        log.debug("closing SMTP connection: {}", e.getMessage());
      }
    }
  }

  /** The SMTP reply code carried by the exception chain, or -1 when the failure had no reply. */
  private static int replyCode(MessagingException e) {
    Exception current = e;
    while (current != null) {
      if (current instanceof SMTPSendFailedException sent && sent.getReturnCode() > 0) {
        return sent.getReturnCode();
      }
      if (current instanceof SMTPAddressFailedException address && address.getReturnCode() > 0) {
        return address.getReturnCode();
      }
      current = current instanceof MessagingException me ? me.getNextException() : null;
    }
    return -1;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root + ")";
  }
}
