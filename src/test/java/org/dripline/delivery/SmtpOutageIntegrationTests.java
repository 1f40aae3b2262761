package org.dripline.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.dripline.run.DripRuns;
import org.dripline.run.RunSummary;
import org.dripline.subscriber.importing.SubscriberImporter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The SMTP server goes away in the middle of a run. The run fails cleanly; restarting it with
 * the same parameters sends exactly what was not sent, and a message whose acceptance was never
 * confirmed is reported as ambiguous instead of being sent twice.
 */
@SpringBootTest(properties = {"dripline.send.threads=1", "dripline.send.reconnect-delay=50ms"})
@ActiveProfiles("test")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SmtpOutageIntegrationTests {

  static final int PORT = freePort();
  static final Instant AS_OF = Instant.parse("2026-12-01T14:00:00Z");
  static final int SUBSCRIBERS = 20;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> PORT);
    registry.add("spring.datasource.url", () -> "jdbc:h2:mem:outage-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
  }

  @Autowired
  DripRuns runs;
  @Autowired
  SubscriberImporter importer;
  @Autowired
  JdbcTemplate jdbc;
  @TempDir
  Path tmp;

  final List<GreenMail> servers = new ArrayList<>();

  @BeforeEach
  void subscribers() throws IOException {
    for (String table : List.of("deliveries", "enrollments", "subscriber_tags", "subscriber_attributes", "subscribers")) {
      jdbc.update("delete from " + table);
    }
    String rows = IntStream.rangeClosed(1, SUBSCRIBERS).mapToObj(i -> "reader" + i + "@example.org,working-mom")
        .collect(Collectors.joining("\n"));
    Path csv = tmp.resolve("subscribers.csv");
    Files.writeString(csv, "email,tags\n" + rows + "\n");
    assertThat(importer.importFile(csv, "test").imported()).isEqualTo(SUBSCRIBERS);
  }

  @AfterEach
  void stopServers() {
    servers.forEach(GreenMail::stop);
  }

  @Test
  void restartSendsExactlyTheMessagesNotYetSentAfterTheServerWentDown() throws Exception {
    // given a server that accepts five messages, then defers everything and shuts down
    GreenMail first = start();
    AtomicInteger accepted = new AtomicInteger();
    Set<String> firstIds = java.util.concurrent.ConcurrentHashMap.newKeySet();
    wrapDelivery(first, (original, message, address) -> {
      if (accepted.incrementAndGet() > 5) {
        new Thread(first::stop).start();
        throw new IllegalStateException("closing for maintenance");
      }
      assertThat(firstIds.add(message.getMessage().getHeader("X-Dripline-Delivery")[0])).isTrue();
      return original.handle(message, address);
    });
    String asOf = AS_OF.toString();

    // when the run meets the outage
    RunSummary failed = runs.run("working-mom-guilt", AS_OF);

    // then it stops cleanly: five sent, those answered 451 deferred with a backoff, at most the one
    // message in flight when the server died left ambiguous, everything else still planned
    assertThat(failed.succeeded()).isFalse();
    assertThat(failed.failure()).contains("127.0.0.1:" + PORT);
    assertThat(failed.sent()).isEqualTo(5);
    assertThat(count("SENT")).isEqualTo(5);
    long inFlight = count("SENDING");
    long deferred = jdbc.queryForObject("select count(*) from deliveries where status = 'PLANNED'"
        + " and next_attempt_at is not null", Long.class);
    assertThat(inFlight).isLessThanOrEqualTo(1).isEqualTo(failed.ambiguous());
    assertThat(deferred).isEqualTo(failed.deferred());
    assertThat(count("PLANNED")).isEqualTo(SUBSCRIBERS - 5 - inFlight);
    assertThat(firstIds).hasSize(5);

    // when the server is back and the same run is started again, then a later run
    first.stop();
    GreenMail second = start();
    RunSummary restarted = runs.run("working-mom-guilt", Instant.parse(asOf));
    RunSummary later = runs.run("working-mom-guilt", AS_OF.plus(java.time.Duration.ofHours(1)));

    // then the restart sends exactly what was neither sent nor deferred, the later run the deferred,
    // and no delivery arrived twice
    assertThat(restarted.succeeded()).as(restarted.failure()).isTrue();
    assertThat(restarted.sent()).isEqualTo(SUBSCRIBERS - 5 - inFlight - deferred);
    assertThat(later.sent()).isEqualTo(deferred);
    Set<String> secondIds = deliveryIds(second);
    assertThat(secondIds).hasSize((int) (SUBSCRIBERS - 5 - inFlight)).doesNotContainAnyElementsOf(firstIds);
    assertThat(count("SENT")).isEqualTo(SUBSCRIBERS - inFlight);
  }

  @Test
  void namesTheMessageWhoseAcceptanceWasLostAndNeverResendsIt() throws Exception {
    // given a server that takes two messages and dies while holding the third's reply
    GreenMail first = start();
    AtomicInteger seen = new AtomicInteger();
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch released = new CountDownLatch(1);
    wrapDelivery(first, (original, message, address) -> {
      if (seen.incrementAndGet() == 3) {
        holding.countDown();
        released.await(20, TimeUnit.SECONDS);
        throw new IllegalStateException("server crashed");
      }
      return original.handle(message, address);
    });
    Thread killer = new Thread(() -> {
      try {
        holding.await(20, TimeUnit.SECONDS);
        first.stop();
      } catch (InterruptedException ignored) {
        Thread.currentThread().interrupt();
      } finally {
        released.countDown();
      }
    });
    killer.start();

    // when the run meets the crash
    RunSummary failed = runs.run("working-mom-guilt", AS_OF);
    killer.join();

    // then the third delivery is named ambiguous and stays SENDING
    assertThat(failed.succeeded()).isFalse();
    assertThat(failed.ambiguousDeliveries()).hasSize(1);
    long ambiguous = failed.ambiguousDeliveries().get(0);
    assertThat(jdbc.queryForObject("select status from deliveries where id = ?", String.class, ambiguous))
        .isEqualTo("SENDING");

    // when the run is restarted against a healthy server
    GreenMail second = start();
    RunSummary restarted = runs.run("working-mom-guilt", AS_OF);

    // then everything else is sent once and the ambiguous one is not re-sent
    assertThat(restarted.succeeded()).as(restarted.failure()).isTrue();
    Set<String> secondIds = deliveryIds(second);
    assertThat(secondIds).hasSize(SUBSCRIBERS - 3).doesNotContain(String.valueOf(ambiguous));
    assertThat(restarted.ambiguousDeliveries()).containsExactly(ambiguous);
    assertThat(count("SENT")).isEqualTo(SUBSCRIBERS - 1);
  }

  interface Delivery {
    com.icegreen.greenmail.user.GreenMailUser handle(MessageDeliveryHandler original,
        com.icegreen.greenmail.mail.MovingMessage message, com.icegreen.greenmail.mail.MailAddress address)
        throws Exception;
  }

  static void wrapDelivery(GreenMail server, Delivery delivery) {
    var users = server.getUserManager();
    MessageDeliveryHandler original = users.getMessageDeliveryHandler();
    users.setMessageDeliveryHandler((message, address) -> {
      try {
        return delivery.handle(original, message, address);
      } catch (RuntimeException | jakarta.mail.MessagingException | com.icegreen.greenmail.user.UserException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  GreenMail start() {
    GreenMail server = new GreenMail(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    server.start();
    servers.add(server);
    return server;
  }

  long count(String status) {
    return jdbc.queryForObject("select count(*) from deliveries where status = ?", Long.class, status);
  }

  static Set<String> deliveryIds(GreenMail server) throws Exception {
    Set<String> ids = new HashSet<>();
    for (MimeMessage message : server.getReceivedMessages()) {
      String id = message.getHeader("X-Dripline-Delivery")[0];
      assertThat(ids.add(id)).as("delivery %s arrived twice", id).isTrue();
    }
    return ids;
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
