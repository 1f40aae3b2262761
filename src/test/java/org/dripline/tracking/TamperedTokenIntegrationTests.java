package org.dripline.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.dripline.run.DripRuns;
import org.dripline.subscriber.importing.SubscriberImporter;
import org.dripline.testing.TestEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * DESIGN invariant 5 against a corpus of tampered tokens: every character flipped, truncated,
 * extended, ids and signatures swapped between two deliveries, key ids changed, numbers
 * re-spelled, and valid tokens presented for another purpose. Every request must get 404 with
 * no Location header, and the database must not change.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class TamperedTokenIntegrationTests {

  static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.";
  static final Map<String, String> PATHS = Map.of("/t/o/", "OPEN", "/t/c/", "CLICK", "/u/", "UNSUBSCRIBE",
      "/p/", "PREFERENCES", "/v/", "WEB_VIEW");

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

  @DynamicPropertySource
  static void isolated(DynamicPropertyRegistry registry) {
    TestEnvironment.smtpAndH2(registry, smtp, "tampered");
  }

  @Autowired
  DripRuns runs;
  @Autowired
  SubscriberImporter importer;
  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  EventWriter eventWriter;
  @LocalServerPort
  int port;
  @TempDir
  Path tmp;

  @Test
  void everyTamperedTokenGets404WithoutLocationAndWritesNothing() throws Exception {
    // given two delivered welcomes and the valid tokens of their links
    TrackingFixture fx = new TrackingFixture(runs, importer, jdbc, smtp, tmp, port);
    MimeMessage one = fx.welcome("one@example.org");
    MimeMessage two = fx.welcome("two@example.org");
    Map<String, List<String>> valid = new LinkedHashMap<>();
    for (MimeMessage message : List.of(one, two)) {
      for (String url : TrackingFixture.urls(message)) {
        PATHS.keySet().stream().filter(p -> url.startsWith(TrackingFixture.BASE + p)).findFirst().ifPresent(p ->
            valid.computeIfAbsent(p, k -> new ArrayList<>()).add(url.substring((TrackingFixture.BASE + p).length())));
      }
    }
    assertThat(valid).containsOnlyKeys(PATHS.keySet());
    List<String> corpus = corpus(valid);
    String before = fingerprint();

    // when each mutated token is requested (GET everywhere, POST on the pages that take a POST)
    int requests = 0;
    List<String> failures = new ArrayList<>();
    for (String entry : corpus) {
      String path = entry.substring(0, entry.indexOf(' '));
      String token = entry.substring(entry.indexOf(' ') + 1);
      String url = TrackingFixture.BASE + path + token;
      List<HttpResponse<String>> responses = new ArrayList<>();
      responses.add(fx.get(url, TrackingFixture.FIREFOX));
      if (path.equals("/u/")) {
        responses.add(fx.postForm(url, "List-Unsubscribe=One-Click"));
      } else if (path.equals("/p/")) {
        responses.add(fx.postForm(url, "action=unsubscribe"));
        responses.add(fx.postForm(url, "action=rename&firstName=Mallory"));
      }
      for (HttpResponse<String> response : responses) {
        requests++;
        if (response.statusCode() != 404 || response.headers().firstValue("Location").isPresent()) {
          failures.add(response.request().method() + " " + path + token + " -> " + response.statusCode());
        }
      }
    }

    // then 100% are 404 without Location, and not one row changed
    assertThat(corpus).hasSizeGreaterThanOrEqualTo(1000);
    assertThat(requests).isGreaterThanOrEqualTo(1000);
    assertThat(failures).isEmpty();
    assertThat(fingerprint()).isEqualTo(before);
    System.out.printf("tampered-token corpus: %d tokens, %d requests, %d not 404%n", corpus.size(), requests, failures.size());
  }

  /** "path token" entries; no entry is a valid token for its own path. */
  static List<String> corpus(Map<String, List<String>> valid) {
    Set<String> out = new LinkedHashSet<>();
    Random random = new Random(20261201);
    for (var e : valid.entrySet()) {
      String path = e.getKey();
      String token = e.getValue().get(0);
      String other = e.getValue().get(e.getValue().size() - 1);
      for (int i = 0; i < token.length(); i++) {
        // each position flipped to a different character of the token alphabet
        char c = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        if (c == token.charAt(i)) {
          c = ALPHABET.charAt((ALPHABET.indexOf(c) + 1) % ALPHABET.length());
        }
        out.add(path + " " + token.substring(0, i) + c + token.substring(i + 1));
        // truncated after position i, and case-swapped at position i
        out.add(path + " " + token.substring(0, i + 1 == token.length() ? i : i + 1));
        char swapped = Character.isUpperCase(token.charAt(i)) ? Character.toLowerCase(token.charAt(i))
            : Character.toUpperCase(token.charAt(i));
        out.add(path + " " + token.substring(0, i) + swapped + token.substring(i + 1));
      }
      String[] a = token.split("\\.");
      String[] b = other.split("\\.");
      out.add(path + " " + token + "A");
      out.add(path + " " + token + ".");
      out.add(path + " ." + token);
      out.add(path + " " + a[0] + "." + b[1] + "." + a[2] + "." + a[3]);   // another delivery's id
      out.add(path + " " + a[0] + "." + a[1] + "." + a[2] + "." + b[3]);   // another token's signature
      out.add(path + " " + b[0] + "." + a[1] + "." + b[2] + "." + a[3]);
      out.add(path + " x" + token);                                        // unknown key id
      out.add(path + " k." + a[1] + "." + a[2] + "." + a[3]);
      out.add(path + " " + a[0] + ".0" + a[1] + "." + a[2] + "." + a[3]);  // same number, other spelling
      out.add(path + " " + a[0] + "." + a[1] + ".0" + a[2] + "." + a[3]);
      out.add(path + " " + a[0] + "." + (Long.parseLong(a[1]) + 1) + "." + a[2] + "." + a[3]);
      out.add(path + " " + a[0] + "." + a[1] + "." + (Long.parseLong(a[2]) + 1) + "." + a[3]);
      out.add(path + " " + a[0] + "." + a[1] + "." + a[2] + "." + a[3].substring(0, 22));
      out.add(path + " " + a[0] + "." + a[1] + "." + a[2]);
      out.add(path + " " + a[3]);
      // every valid token of every other purpose, presented here (wrong purpose)
      for (var o : valid.entrySet()) {
        if (!o.getKey().equals(path)) {
          o.getValue().forEach(t -> out.add(path + " " + t));
        }
      }
    }
    // random strings of the same shape
    while (out.size() < 1100) {
      StringBuilder s = new StringBuilder();
      int n = 20 + random.nextInt(60);
      for (int i = 0; i < n; i++) {
        s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
      String path = List.copyOf(PATHS.keySet()).get(random.nextInt(PATHS.size()));
      out.add(path + " " + s);
    }
    valid.forEach((path, tokens) -> tokens.forEach(t -> out.remove(path + " " + t)));
    return List.copyOf(out);
  }

  /** Everything a token could change: events, suppressions, subscribers, enrollments, links. */
  String fingerprint() {
    // Events are written in batches: whatever a token made the server record is in the table after this.
    eventWriter.flush();
    return jdbc.queryForList("select count(*) from events").toString()
        + jdbc.queryForList("select email, reason from suppressions order by email")
        + jdbc.queryForList("select email, first_name, status, tracking_opt_out, updated_at from subscribers order by id")
        + jdbc.queryForList("select subscriber_id, state, paused_until from enrollments order by subscriber_id")
        + jdbc.queryForList("select count(*) from links")
        + jdbc.queryForList("select id, status from deliveries order by id");
  }
}
