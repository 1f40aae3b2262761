package org.dripline.signup;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.util.Date;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.dripline.infra.HeaderText;
import org.dripline.tracking.HtmlLinks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Sends the double opt-in confirmation over the same SMTP server as the campaigns
 * ({@code spring.mail.*}, or the dev inbox). In the background on purpose: a sign-up for a new
 * address then takes as long as one for a known address, so response times reveal nothing.
 */
@Component
class ConfirmationMailer implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(ConfirmationMailer.class);

  private final Session session;
  private final String host;
  private final int port;
  private final String username;
  private final String password;
  private final String from;
  private final String fromName;
  private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
    Thread thread = new Thread(r, "dripline-confirmation-mail");
    thread.setDaemon(true);
    return thread;
  });

  ConfirmationMailer(Environment environment, @Value("${spring.mail.host:}") String host,
      @Value("${spring.mail.port:0}") int port, @Value("${spring.mail.username:}") String username,
      @Value("${spring.mail.password:}") String password,
      @Value("${dripline.dev-inbox.smtp-port:3025}") int devInboxPort,
      @Value("${dripline.subscribe.from}") String from, @Value("${dripline.subscribe.from-name:}") String fromName) {
    this.host = host.isBlank() ? "127.0.0.1" : host;
    this.port = host.isBlank() ? devInboxPort : (port > 0 ? port : 25);
    this.username = username.isBlank() ? null : username;
    this.password = password.isBlank() ? null : password;
    this.from = from;
    this.fromName = fromName;
    Properties properties = new Properties();
    properties.put("mail.smtp.auth", String.valueOf(this.username != null));
    properties.put("mail.smtp.connectiontimeout", "10000");
    properties.put("mail.smtp.timeout", "30000");
    Binder.get(environment).bind("spring.mail.properties", Bindable.mapOf(String.class, String.class))
        .orElse(Map.of()).forEach(properties::put);
    this.session = Session.getInstance(properties);
  }

  void sendLater(String to, String firstName, String confirmUrl) {
    executor.execute(() -> {
      try {
        send(to, firstName, confirmUrl);
      } catch (MessagingException | RuntimeException e) {
        log.warn("confirmation mail to {} failed: {}", to, e.getMessage());
      }
    });
  }

  private void send(String to, String firstName, String confirmUrl) throws MessagingException {
    MimeMessage message = new MimeMessage(session);
    try {
      message.setFrom(fromName.isBlank() ? new InternetAddress(from, true) : new InternetAddress(from, HeaderText.clean(fromName), "UTF-8"));
    } catch (UnsupportedEncodingException e) {
      throw new MessagingException("UTF-8 unsupported", e);
    }
    message.setRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
    message.setSubject("Please confirm your subscription", "UTF-8");
    message.setSentDate(new Date());
    String greeting = firstName == null || firstName.isBlank() ? "Hello," : "Hello " + HeaderText.clean(firstName) + ",";
    MimeBodyPart text = new MimeBodyPart();
    text.setText(greeting + "\n\nPlease confirm that you want our emails by opening this link within 48 hours:\n"
        + confirmUrl + "\n\nIf you did not sign up, ignore this email: you will not hear from us again.\n", "UTF-8", "plain");
    MimeBodyPart html = new MimeBodyPart();
    html.setText("<!DOCTYPE html><html lang=\"en\"><body><p>" + HtmlLinks.escape(greeting) + "</p>"
        + "<p>Please confirm that you want our emails (the link works for 48 hours):</p>"
        + "<p><a id=\"confirm\" href=\"" + HtmlLinks.escape(confirmUrl) + "\">Confirm my subscription</a></p>"
        + "<p>If you did not sign up, ignore this email: you will not hear from us again.</p></body></html>",
        "UTF-8", "html");
    MimeMultipart alternative = new MimeMultipart("alternative");
    alternative.addBodyPart(text);
    alternative.addBodyPart(html);
    message.setContent(alternative);
    message.saveChanges();
    try (Transport transport = session.getTransport("smtp")) {
      transport.connect(host, port, username, password);
      transport.sendMessage(message, message.getAllRecipients());
    }
  }

  @Override
  public void destroy() {
    executor.shutdown();
  }
}
