package org.dripline.signup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dripline.lists.MailingList;
import org.dripline.lists.ListCatalog;
import org.dripline.lists.ListMemberships;
import org.dripline.testing.TestEnvironment;
import org.dripline.tracking.TrackingFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Sign-up to one list over real HTTP, with the list's double opt-in confirmed through a real (GreenMail) mail. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"dripline.subscribe.max-per-client=1000", "dripline.subscribe.max-per-address=3"})
@ActiveProfiles("test")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ListSignUpIntegrationTests {

  static final Pattern CONFIRM = Pattern.compile("http://localhost:8080/confirm/[A-Za-z0-9._-]+/stories-weekly");

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

  @DynamicPropertySource
  static void isolated(DynamicPropertyRegistry registry) {
    TestEnvironment.smtpAndH2(registry, smtp, "list-signup");
  }

  @Autowired
  ApplicationContext app;
  @Autowired
  ListMemberships memberships;
  @Autowired
  JdbcTemplate jdbc;
  @TempDir
  Path tmp;
  TrackingFixture fx;

  @BeforeEach
  void fixture() {
    fx = TrackingFixture.of(app, smtp, tmp);
  }

  @Test
  void aNewAddressJoinsTheListOnlyWhenTheConfirmationMailIsConfirmed() throws Exception {
    // when a new reader signs up on the newsletter's own page
    HttpResponse<String> form = fx.get(TrackingFixture.BASE + "/subscribe/stories-weekly", TrackingFixture.FIREFOX);
    HttpResponse<String> answer = fx.postForm(TrackingFixture.BASE + "/subscribe",
        "email=Nia%40example.org&firstName=Nia&consent=yes&list=stories-weekly");

    // then the form was the list's, the answer is the same for anyone, and the membership waits, with its consent
    assertThat(form.body()).contains("Dripline Stories Weekly", "name=\"list\" id=\"list\" value=\"stories-weekly\"");
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).contains("If this address can join Dripline Stories Weekly, a confirmation email is on its way.");
    long id = jdbc.queryForObject("select id from subscribers where email = 'nia@example.org'", Long.class);
    assertThat(memberships.membership(id, "stories-weekly")).hasValueSatisfying(m -> {
      assertThat(m.status()).isEqualTo(ListMemberships.Status.PENDING);
      assertThat(m.consent()).isEqualTo(new ListMemberships.Consent("FORM", MailingList.versionOf(
          new ListCatalog(Path.of("lists")).require("stories-weekly").consent()), "127.0.0.1"));
    });
    // and no series tag: the list sign-up does not enroll anyone in the drip
    assertThat(jdbc.queryForObject("select count(*) from subscriber_tags where subscriber_id = ?", Long.class, id)).isZero();

    // when the mail's link is opened (GET changes nothing) and its button pressed
    MimeMessage mail = confirmation("nia@example.org");
    assertThat(mail.getSubject()).isEqualTo("Please confirm your subscription to Dripline Stories Weekly");
    String link = link(mail);
    HttpResponse<String> page = fx.get(link, TrackingFixture.FIREFOX);
    assertThat(page.body()).contains("Dripline Stories Weekly", "action=\"/confirm/");
    assertThat(memberships.statusesOf(id)).containsEntry("stories-weekly", ListMemberships.Status.PENDING);
    HttpResponse<String> confirmed = fx.postForm(link, "");

    // then the address is a subscriber and the list membership is confirmed
    assertThat(confirmed.statusCode()).isEqualTo(200);
    assertThat(confirmed.body()).contains("Subscription confirmed", "Dripline Stories Weekly");
    assertThat(jdbc.queryForObject("select status from subscribers where id = ?", String.class, id)).isEqualTo("ACTIVE");
    assertThat(memberships.membership(id, "stories-weekly")).hasValueSatisfying(m -> {
      assertThat(m.status()).isEqualTo(ListMemberships.Status.SUBSCRIBED);
      assertThat(m.confirmedAt()).isNotNull();
    });
  }

  @Test
  void aSubscriberOfTheSeriesConfirmsTheListSeparately() throws Exception {
    // given an active subscriber of the series
    fx.subscribe("reader@example.org");
    long id = jdbc.queryForObject("select id from subscribers where email = 'reader@example.org'", Long.class);

    // when they sign up for the newsletter through the JSON API
    HttpResponse<String> answer = json("{\"email\":\"reader@example.org\",\"consent\":true,\"list\":\"stories-weekly\"}");

    // then the list waits for their confirmation, and the mail's link confirms it
    assertThat(answer.statusCode()).isEqualTo(202);
    assertThat(memberships.statusesOf(id)).containsEntry("stories-weekly", ListMemberships.Status.PENDING);
    fx.postForm(link(confirmation("reader@example.org")), "");
    assertThat(memberships.statusesOf(id)).containsEntry("stories-weekly", ListMemberships.Status.SUBSCRIBED);
  }

  @Test
  void anUnknownListOrOneWithoutAFormIsRefusedAndNothingIsWritten() throws Exception {
    // when sign-ups name a list that does not exist, or one whose file has no sign-up form
    HttpResponse<String> page = fx.get(TrackingFixture.BASE + "/subscribe/no-such-list", TrackingFixture.FIREFOX);
    HttpResponse<String> noForm = fx.get(TrackingFixture.BASE + "/subscribe/product-news", TrackingFixture.FIREFOX);
    HttpResponse<String> posted = fx.postForm(TrackingFixture.BASE + "/subscribe",
        "email=x%40example.org&consent=yes&list=no-such-list");
    HttpResponse<String> api = json("{\"email\":\"y@example.org\",\"consent\":true,\"list\":\"product-news\"}");

    // then each is a clear refusal (404 page, 400 page, 400 problem+json) and no subscriber or membership is written
    assertThat(page.statusCode()).isEqualTo(404);
    assertThat(page.body()).contains("There is no list &#39;no-such-list&#39; to sign up for.");
    assertThat(noForm.statusCode()).isEqualTo(404);
    assertThat(posted.statusCode()).isEqualTo(400);
    assertThat(posted.body()).contains("There is no list &#39;no-such-list&#39; to sign up for.");
    assertThat(api.statusCode()).isEqualTo(400);
    assertThat(api.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
        .startsWith("application/problem+json"));
    assertThat(api.body()).contains("There is no list 'product-news' to sign up for.", "\"field\":\"list\"");
    assertThat(jdbc.queryForObject("select count(*) from subscribers where email in ('x@example.org', 'y@example.org')",
        Long.class)).isZero();
    assertThat(jdbc.queryForObject("select count(*) from list_subscriptions where list_id in ('no-such-list', 'product-news')",
        Long.class)).isZero();
  }

  HttpResponse<String> json(String body) throws Exception {
    return TrackingFixture.HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fx.port() + "/api/subscribe"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The list confirmation mail to this address (sent in the background). */
  MimeMessage confirmation(String email) {
    List<MimeMessage> mails = await("confirmation to " + email).atMost(Duration.ofSeconds(30))
        .until(() -> fx.received(email), received -> !received.isEmpty());
    return mails.get(mails.size() - 1);
  }

  static String link(MimeMessage mail) throws Exception {
    Matcher m = CONFIRM.matcher(TrackingFixture.text(mail));
    assertThat(m.find()).isTrue();
    return m.group();
  }
}
