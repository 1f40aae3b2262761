package org.dripline.delivery.smtp;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import jakarta.mail.internet.AddressException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.dripline.delivery.MailServers;
import org.dripline.delivery.MailServers.Server;
import org.dripline.delivery.Messenger;
import org.dripline.delivery.SendFailure;
import org.dripline.delivery.SendSettings;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * SMTP over Jakarta Mail to the {@link MailServers}: connections go round robin, and a server that
 * refuses connections sits out a cool-down while the others carry on. The Jakarta Mail session and
 * transport stay in here; callers hand over finished bytes.
 */
@Component
class SmtpMessenger implements Messenger {

  private static final Logger log = LoggerFactory.getLogger(SmtpMessenger.class);

  static final Duration COOL_DOWN = Duration.ofSeconds(30);

  private final Session session;
  private final List<Server> servers;
  /** When a server last refused a connection: until when it is left out (System.nanoTime). */
  private final Map<Server, Long> unhealthyUntil = new ConcurrentHashMap<>();
  private final AtomicInteger next = new AtomicInteger();

  SmtpMessenger(MailServers mailServers, SendSettings settings) {
    this.servers = mailServers.servers();
    boolean authenticated = servers.stream().anyMatch(server -> server.username() != null);
    Properties properties = new Properties();
    properties.put("mail.smtp.connectiontimeout", String.valueOf(settings.connectTimeout().toMillis()));
    properties.put("mail.smtp.timeout", String.valueOf(settings.readTimeout().toMillis()));
    properties.put("mail.smtp.writetimeout", String.valueOf(settings.readTimeout().toMillis()));
    properties.put("mail.smtp.auth", String.valueOf(authenticated));
    properties.put("mail.smtp.socketFactory", new NoDelaySocketFactory());
    properties.put("mail.smtp.socketFactory.fallback", "false");
    // Extra Jakarta Mail settings (STARTTLS, EHLO name...) pass through as with Spring's JavaMailSender.
    properties.putAll(mailServers.mailProperties());
    this.session = Session.getInstance(properties);
    log.debug("SMTP messenger targets {}", mailServers.target());
  }

  /** The next healthy server in turn; when every server is cooling down, all are tried anyway. */
  @Override
  public Connection connect() throws SendFailure {
    int start = Math.floorMod(next.getAndIncrement(), servers.size());
    long now = System.nanoTime();
    List<Server> inTurn = new ArrayList<>();
    for (int i = 0; i < servers.size(); i++) {
      inTurn.add(servers.get((start + i) % servers.size()));
    }
    List<Server> healthy = inTurn.stream()
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
    return new SmtpConnection(transport, server, new WireMessage(session));
  }

  private static final class SmtpConnection implements Connection {

    private final StageTrackingTransport transport;
    private final Server server;
    private final WireMessage message;

    SmtpConnection(StageTrackingTransport transport, Server server, WireMessage message) {
      this.transport = transport;
      this.server = server;
      this.message = message;
    }

    @Override
    public String send(String sender, String recipient, byte[] bytes) throws SendFailure {
      Address[] recipients;
      try {
        recipients = message.load(sender, recipient, bytes);
      } catch (AddressException e) {
        throw new SendFailure(SendFailure.Kind.REJECTED_PERMANENTLY, null,
            "not a valid envelope address: " + e.getMessage(), e);
      }
      transport.startMessage();
      try {
        transport.sendMessage(message, recipients);
        return transport.getLastServerResponse();
      } catch (MessagingException e) {
        throw classify(e);
      }
    }

    private SendFailure classify(MessagingException e) {
      int code = replyCode(e);
      String reply = code > 0 ? transport.getLastServerResponse() : null;
      return switch (SmtpReplies.kind(code, transport.dataFinishing())) {
        case REJECTED_TEMPORARILY -> new SendFailure(SendFailure.Kind.REJECTED_TEMPORARILY, reply,
            "server deferred the message: " + reply, e);
        case REJECTED_PERMANENTLY -> new SendFailure(SendFailure.Kind.REJECTED_PERMANENTLY, reply,
            "server rejected the message: " + reply, e);
        case AMBIGUOUS -> new SendFailure(SendFailure.Kind.AMBIGUOUS, null, "connection to " + server.target()
            + " lost while waiting for the server to accept the message: " + rootMessage(e), e);
        case NOT_SENT -> new SendFailure(SendFailure.Kind.NOT_SENT, null,
            "connection to " + server.target() + " failed before the message was sent: " + rootMessage(e), e);
      };
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
