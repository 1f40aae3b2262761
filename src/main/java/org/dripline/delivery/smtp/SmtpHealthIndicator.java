package org.dripline.delivery.smtp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dripline.delivery.MailServers;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code smtp} in /actuator/health: every server the messenger sends through (spring.mail.*,
 * the {@code dripline.smtp.servers} list, or the embedded dev inbox) accepts a TCP connection and
 * greets with 220. Short timeouts, and QUIT right away: a health probe must never hang or hold a
 * connection slot. UP when at least one server answers, as the messenger then still delivers.
 */
@Component("smtp")
class SmtpHealthIndicator implements HealthIndicator {

  static final Duration TIMEOUT = Duration.ofSeconds(2);

  private final MailServers servers;

  SmtpHealthIndicator(MailServers servers) {
    this.servers = servers;
  }

  @Override
  public Health health() {
    Map<String, Object> answers = new LinkedHashMap<>();
    boolean anyUp = false;
    for (MailServers.Server server : servers.servers()) {
      String answer = probe(server);
      answers.put(server.target(), answer);
      anyUp |= answer.startsWith("220");
    }
    return (anyUp ? Health.up() : Health.down()).withDetail("servers", answers).build();
  }

  private static String probe(MailServers.Server server) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(server.host(), server.port()), (int) TIMEOUT.toMillis());
      socket.setSoTimeout((int) TIMEOUT.toMillis());
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      String greeting = in.readLine();
      socket.getOutputStream().write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
      return greeting == null ? "closed without a greeting" : greeting.length() > 80 ? greeting.substring(0, 80) : greeting;
    } catch (IOException | RuntimeException e) {
      return "unreachable: " + e.getMessage();
    }
  }
}
