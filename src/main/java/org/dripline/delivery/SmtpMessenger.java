package org.dripline.delivery;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import jakarta.mail.internet.MimeMessage;
import java.util.Map;
import java.util.Properties;
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
 * {@code spring.mail.host} is not set it talks to the embedded dev inbox.
 */
@Component
public class SmtpMessenger implements Messenger {

  private static final Logger log = LoggerFactory.getLogger(SmtpMessenger.class);

  private final Session session;
  private final String host;
  private final int port;
  private final String username;
  private final String password;

  public SmtpMessenger(Environment environment, SendSettings settings,
      @Value("${spring.mail.host:}") String host, @Value("${spring.mail.port:0}") int port,
      @Value("${spring.mail.username:}") String username, @Value("${spring.mail.password:}") String password,
      @Value("${dripline.dev-inbox.smtp-port:3025}") int devInboxPort) {
    boolean embedded = host.isBlank();
    this.host = embedded ? "127.0.0.1" : host;
    this.port = embedded ? devInboxPort : (port > 0 ? port : 25);
    this.username = username.isBlank() ? null : username;
    this.password = password.isBlank() ? null : password;
    Properties properties = new Properties();
    properties.put("mail.smtp.connectiontimeout", String.valueOf(settings.connectTimeout().toMillis()));
    properties.put("mail.smtp.timeout", String.valueOf(settings.readTimeout().toMillis()));
    properties.put("mail.smtp.writetimeout", String.valueOf(settings.readTimeout().toMillis()));
    properties.put("mail.smtp.auth", String.valueOf(this.username != null));
    properties.put("mail.smtp.socketFactory", new NoDelaySocketFactory());
    properties.put("mail.smtp.socketFactory.fallback", "false");
    // Extra Jakarta Mail settings (STARTTLS, EHLO name...) pass through as with Spring's JavaMailSender.
    Binder.get(environment).bind("spring.mail.properties", Bindable.mapOf(String.class, String.class))
        .orElse(Map.of()).forEach(properties::put);
    this.session = Session.getInstance(properties);
    log.debug("SMTP messenger targets {}:{}", this.host, this.port);
  }

  public String target() {
    return host + ":" + port;
  }

  public Session session() {
    return session;
  }

  @Override
  public Connection connect() throws SendFailure {
    StageTrackingTransport transport = new StageTrackingTransport(session, new URLName("smtp", host, port, null, username, password));
    try {
      transport.connect(host, port, username, password);
    } catch (MessagingException e) {
      throw new SendFailure(SendFailure.Kind.NOT_SENT, null,
          "cannot connect to SMTP server " + target() + ": " + rootMessage(e), e);
    }
    return new SmtpConnection(transport);
  }

  private final class SmtpConnection implements Connection {

    private final StageTrackingTransport transport;

    SmtpConnection(StageTrackingTransport transport) {
      this.transport = transport;
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
