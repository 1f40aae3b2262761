package org.dripline.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dripline.run.DripRuns;
import org.dripline.run.RunSummary;
import org.dripline.subscriber.importing.SubscriberImporter;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Shared steps of the HTTP tests: import a subscriber, run the welcome through GreenMail, read the
 * links out of the received message, and call them on the random port (the messages carry the
 * configured base URL, http://localhost:8080).
 */
public record TrackingFixture(DripRuns runs, SubscriberImporter importer, JdbcTemplate jdbc, GreenMailExtension smtp,
    Path tmp, int port) {

  public static final String CAMPAIGN = "working-mom-guilt";
  /** 09:00 in New York (the fixture's subscribers give no timezone): inside the series' 08:00-11:00 window. */
  public static final Instant DAY_ZERO = Instant.parse("2026-12-01T14:00:00Z");
  public static final String BASE = "http://localhost:8080";
  public static final String FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
  private static final Pattern HREF = Pattern.compile("(?:href|src)=\"([^\"]+)\"");

  /**
   * The fixture of a {@code @SpringBootTest(webEnvironment = RANDOM_PORT)} class: its beans from the
   * test's context, and the port its server listens on.
   */
  public static TrackingFixture of(ApplicationContext app, GreenMailExtension smtp, Path tmp) {
    return new TrackingFixture(app.getBean(DripRuns.class), app.getBean(SubscriberImporter.class),
        app.getBean(JdbcTemplate.class), smtp, tmp,
        app.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
  }

  /** Imports one subscriber and runs the campaign, returning the welcome they received. */
  MimeMessage welcome(String email) throws Exception {
    subscribe(email);
    return send(email);
  }

  public void subscribe(String email) throws Exception {
    Path csv = tmp.resolve(email + ".csv");
    Files.writeString(csv, "email,first_name,tags\n" + email + ",Zoë,working-mom\n");
    assertThat(importer.importFile(csv, "test").rejected()).isZero();
  }

  /** Runs the campaign (again) on day zero: enrolls new subscribers and sends their welcome. */
  MimeMessage send(String email) {
    RunSummary summary = runs.run(CAMPAIGN, DAY_ZERO);
    assertThat(summary.succeeded()).as(summary.failure()).isTrue();
    List<MimeMessage> received = received(email);
    assertThat(received).hasSize(1);
    return received.get(0);
  }

  public List<MimeMessage> received(String email) {
    return Arrays.stream(smtp.getReceivedMessages()).filter(m -> to(m).equals(email)).toList();
  }

  long deliveryId(MimeMessage message) throws Exception {
    return Long.parseLong(message.getHeader("X-Dripline-Delivery")[0]);
  }

  /** Makes the message look sent long ago, so the opens and clicks that follow can be human. */
  void sentAnHourAgo(long deliveryId) {
    jdbc.update("update deliveries set sent_at = ? where id = ?",
        java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).minusHours(1), deliveryId);
  }

  static String html(MimeMessage message) throws Exception {
    Multipart parts = (Multipart) message.getContent();
    return (String) parts.getBodyPart(1).getContent();
  }

  public static String text(MimeMessage message) throws Exception {
    Multipart parts = (Multipart) message.getContent();
    return (String) parts.getBodyPart(0).getContent();
  }

  /** Every href and src of the HTML part, entities decoded. */
  static List<String> urls(MimeMessage message) throws Exception {
    List<String> urls = new ArrayList<>();
    Matcher m = HREF.matcher(html(message));
    while (m.find()) {
      urls.add(HtmlLinks.unescape(m.group(1)));
    }
    return urls;
  }

  static String first(List<String> urls, String path) {
    return urls.stream().filter(u -> u.startsWith(BASE + path)).findFirst().orElseThrow(() -> new AssertionError("no " + path));
  }

  URI local(String url) {
    return URI.create(url.replace(BASE, "http://127.0.0.1:" + port));
  }

  /** No cookie handler and no redirects: the client a mailbox provider's unsubscriber is. */
  public static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  public HttpResponse<String> get(String url, String userAgent) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(local(url)).header("User-Agent", userAgent).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> head(String url, String userAgent) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(local(url)).header("User-Agent", userAgent)
        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> postForm(String url, String body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(local(url)).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> postMultipart(String url, String name, String value) throws Exception {
    String boundary = "----dripline" + System.nanoTime();
    String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value
        + "\r\n--" + boundary + "--\r\n";
    return HTTP.send(HttpRequest.newBuilder(local(url)).header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static String to(MimeMessage message) {
    try {
      return ((InternetAddress) message.getRecipients(Message.RecipientType.TO)[0]).getAddress();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
