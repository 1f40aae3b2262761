package org.dripline.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.dripline.lists.ListCatalog;
import org.dripline.lists.ListMemberships;
import org.dripline.lists.MailingList;
import org.dripline.testing.TestEnvironment;
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
import org.springframework.web.util.HtmlUtils;

/** The preference page's list toggles over real HTTP, from a real message's signed link. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ListPreferencesIntegrationTests {

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

  @DynamicPropertySource
  static void isolated(DynamicPropertyRegistry registry) {
    TestEnvironment.smtpAndH2(registry, smtp, "list-preferences");
  }

  @Autowired
  ApplicationContext app;
  @Autowired
  ListMemberships memberships;
  @Autowired
  ListCatalog catalog;
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
  void thePageShowsEveryListWithAToggleAndGetChangesNothing() throws Exception {
    // given a reader of the series on no list
    String preferences = preferencesUrl("lists@example.org");

    // when the page is opened
    HttpResponse<String> page = fx.get(preferences, TrackingFixture.FIREFOX);

    // then each shipped list is there with a join button, beside "unsubscribe from everything"
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("Newsletters and lists", "Dripline Stories Weekly", "Dripline product news",
        "id=\"join-stories-weekly\"", "id=\"join-product-news\"", "Unsubscribe from all emails");
    assertThat(jdbc.queryForObject("select count(*) from list_subscriptions l join subscribers s on s.id = l.subscriber_id"
        + " where s.email = 'lists@example.org'", Long.class)).isZero();
  }

  @Test
  void joiningAndLeavingAListRecordsThePreferencePageAndLeavesTheSeriesAlone() throws Exception {
    // given a reader of the series
    String preferences = preferencesUrl("toggle@example.org");
    long id = jdbc.queryForObject("select id from subscribers where email = 'toggle@example.org'", Long.class);

    // and the page shows the list's own consent text next to its join button
    MailingList list = catalog.find("stories-weekly").orElseThrow();
    assertThat(list.consent()).isNotEmpty();
    assertThat(fx.get(preferences, TrackingFixture.FIREFOX).body())
        .contains("id=\"consent-stories-weekly\">" + HtmlUtils.htmlEscape(list.consent()) + "</p>");

    // when they join the newsletter on the page
    HttpResponse<String> joined = fx.postForm(preferences, "action=list&list=stories-weekly&join=yes");

    // then they are on it at once (the signed link proves the address), the record names the text they
    // were shown, and the page offers to leave it
    assertThat(joined.statusCode()).isEqualTo(200);
    assertThat(joined.body()).contains("You joined Dripline Stories Weekly.", "id=\"leave-stories-weekly\"");
    assertThat(memberships.membership(id, "stories-weekly")).hasValueSatisfying(m -> {
      assertThat(m.status()).isEqualTo(ListMemberships.Status.SUBSCRIBED);
      assertThat(m.consent().source()).isEqualTo("preferences");
      assertThat(m.consent().consentTextVersion()).isEqualTo(MailingList.versionOf(list.consent())).matches("[0-9a-f]{12}");
    });

    // when they leave it again
    HttpResponse<String> left = fx.postForm(preferences, "action=list&list=stories-weekly&join=no");

    // then the list records the leave with its source, and the subscriber and the series are untouched
    assertThat(left.body()).contains("You left Dripline Stories Weekly.", "id=\"join-stories-weekly\"");
    assertThat(memberships.membership(id, "stories-weekly")).hasValueSatisfying(m -> {
      assertThat(m.status()).isEqualTo(ListMemberships.Status.UNSUBSCRIBED);
      assertThat(m.leftSource()).isEqualTo("preferences");
    });
    assertThat(jdbc.queryForMap("select s.status, e.state from subscribers s join enrollments e on e.subscriber_id = s.id"
        + " where s.id = ?", id)).containsEntry("STATUS", "ACTIVE").containsEntry("STATE", "ACTIVE");
  }

  @Test
  void anUnknownListChangesNothingAndUnsubscribingFromEverythingRemovesTheToggles() throws Exception {
    // given a reader on the newsletter
    String preferences = preferencesUrl("all@example.org");
    long id = jdbc.queryForObject("select id from subscribers where email = 'all@example.org'", Long.class);
    fx.postForm(preferences, "action=list&list=stories-weekly&join=yes");

    // when a forged form names a list that does not exist
    HttpResponse<String> unknown = fx.postForm(preferences, "action=list&list=..%2Fetc&join=yes");

    // then the page asks again and nothing is written
    assertThat(unknown.body()).contains("Please choose one of the lists.");
    assertThat(memberships.statusesOf(id)).containsExactly(Map.entry("stories-weekly", ListMemberships.Status.SUBSCRIBED));

    // when they unsubscribe from everything
    HttpResponse<String> gone = fx.postForm(preferences, "action=unsubscribe");

    // then the page has no list toggles left, and a toggle posted anyway changes nothing
    assertThat(gone.body()).contains("You are unsubscribed from everything").doesNotContain("Newsletters and lists");
    HttpResponse<String> late = fx.postForm(preferences, "action=list&list=product-news&join=yes");
    assertThat(late.body()).contains("Please choose one of the lists.");
    assertThat(memberships.statusesOf(id)).doesNotContainKey("product-news");
  }

  private String preferencesUrl(String email) throws Exception {
    MimeMessage welcome = fx.welcome(email);
    return TrackingFixture.first(TrackingFixture.urls(welcome), "/p/");
  }
}
