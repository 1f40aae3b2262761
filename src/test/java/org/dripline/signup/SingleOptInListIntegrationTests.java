package org.dripline.signup;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.dripline.lists.ListMemberships;
import org.dripline.testing.TestEnvironment;
import org.dripline.tracking.TrackingFixture;
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

/** A list with {@code double_opt_in: false}: the sign-up itself is the consent, and no mail is sent. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SingleOptInListIntegrationTests {

  static final Path LISTS = lists();

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

  @DynamicPropertySource
  static void isolated(DynamicPropertyRegistry registry) {
    TestEnvironment.smtpAndH2(registry, smtp, "single-opt-in");
    registry.add("dripline.lists.dir", LISTS::toString);
  }

  static Path lists() {
    try {
      Path dir = Files.createTempDirectory("single-opt-in-lists");
      Files.writeString(dir.resolve("events.yaml"), "id: events\nname: Event invitations\ndouble_opt_in: false\n"
          + "sign_up_form: true\n");
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Autowired
  ApplicationContext app;
  @Autowired
  ListMemberships memberships;
  @Autowired
  JdbcTemplate jdbc;
  @TempDir
  Path tmp;

  @Test
  void aNewAddressIsOnTheListAtOnceWithoutAConfirmationMail() throws Exception {
    TrackingFixture fx = TrackingFixture.of(app, smtp, tmp);

    // when a new address signs up to the single opt-in list
    HttpResponse<String> answer = fx.postForm(TrackingFixture.BASE + "/subscribe",
        "email=guest%40example.org&consent=yes&list=events");

    // then it is an active subscriber on the list now, and no mail was sent
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).contains("Thank you: if this address can join Event invitations, it is on the list now.");
    long id = jdbc.queryForObject("select id from subscribers where email = 'guest@example.org'", Long.class);
    assertThat(jdbc.queryForObject("select status from subscribers where id = ?", String.class, id)).isEqualTo("ACTIVE");
    assertThat(memberships.statusesOf(id)).containsEntry("events", ListMemberships.Status.SUBSCRIBED);
    assertThat(memberships.membership(id, "events").orElseThrow().consent().source()).isEqualTo("FORM");
    assertThat(smtp.getReceivedMessages()).isEmpty();
  }
}
