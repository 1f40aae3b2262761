package org.dripline.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.dripline.lists.MailingList;
import org.dripline.lists.ListMemberships;
import org.dripline.subscriber.importing.SubscriberImporter;
import org.dripline.testing.TestEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The lists API over real HTTP with the ops token: counts, PUT and DELETE of a membership, problem+json errors. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "dripline.api.token=" + ListsApiIntegrationTests.TOKEN)
@ActiveProfiles("test")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ListsApiIntegrationTests {

  static final String TOKEN = "lists-api-test-token-0123456789";
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @DynamicPropertySource
  static void isolated(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> "jdbc:h2:mem:lists-api-" + java.util.UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    registry.add("spring.mail.host", () -> "127.0.0.1");
  }

  @LocalServerPort
  int port;
  @Autowired
  SubscriberImporter importer;
  @Autowired
  ListMemberships memberships;
  @Autowired
  JdbcTemplate jdbc;
  @TempDir
  Path tmp;

  @Test
  void putAndDeleteChangeAMembershipAndTheListingCountsIt() throws Exception {
    // given a subscriber
    Path csv = Files.writeString(tmp.resolve("one.csv"), "email\nann.api@example.org\n");
    importer.importFile(csv, "test");
    long id = jdbc.queryForObject("select id from subscribers where email = 'ann.api@example.org'", Long.class);

    // when the API puts them on the newsletter (twice: idempotent)
    HttpResponse<String> put = send("PUT", "/api/lists/stories-weekly/subscribers/Ann.Api@example.org?consentTextVersion=v7");
    send("PUT", "/api/lists/stories-weekly/subscribers/ann.api@example.org");
    HttpResponse<String> listed = send("GET", "/api/lists");

    // then they are subscribed with the API's consent, and the listing counts them
    assertThat(put.statusCode()).isEqualTo(200);
    assertThat(put.body()).contains("\"list\":\"stories-weekly\"", "\"email\":\"ann.api@example.org\"",
        "\"status\":\"SUBSCRIBED\"");
    assertThat(memberships.membership(id, "stories-weekly").orElseThrow().consent())
        .isEqualTo(new ListMemberships.Consent("api", "v7", null));
    assertThat(listed.statusCode()).isEqualTo(200);
    assertThat(listed.body()).contains("{\"id\":\"product-news\",", "\"id\":\"stories-weekly\",\"name\":\"Dripline Stories Weekly\"")
        .contains("\"doubleOptIn\":true,\"signUpForm\":true,\"subscribed\":1,\"pending\":0,\"unsubscribed\":0,");
    // and each list names the consent its sign-up records, version next to the text it stands for
    String consent = "Yes, send me Dripline Stories Weekly, one story a week by email. I can unsubscribe at any time"
        + " with the link in every issue.";
    assertThat(listed.body()).contains("\"unsubscribed\":0,\"consent\":{\"from\":\"LIST\",\"version\":\""
        + MailingList.versionOf(consent) + "\",\"text\":\"" + consent + "\"}}");

    // when the API takes them off
    HttpResponse<String> deleted = send("DELETE", "/api/lists/stories-weekly/subscribers/ann.api@example.org");

    // then the leave is recorded with its source
    assertThat(deleted.statusCode()).isEqualTo(200);
    assertThat(deleted.body()).contains("\"status\":\"UNSUBSCRIBED\"");
    assertThat(memberships.membership(id, "stories-weekly").orElseThrow().leftSource()).isEqualTo("api");
  }

  @Test
  void unknownListsSubscribersAndBadAddressesAreProblemsAndWriteNothing() throws Exception {
    // when the API is asked about a list or subscriber that does not exist, or an address that is none
    HttpResponse<String> noList = send("PUT", "/api/lists/nope/subscribers/ann.api@example.org");
    HttpResponse<String> noSubscriber = send("PUT", "/api/lists/stories-weekly/subscribers/nobody@example.org");
    HttpResponse<String> badEmail = send("DELETE", "/api/lists/stories-weekly/subscribers/not-an-address");
    HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port
        + "/api/lists")).GET().build(), HttpResponse.BodyHandlers.ofString());

    // then each is a problem+json with its status, and nothing is written
    assertThat(noList.statusCode()).isEqualTo(404);
    assertThat(noList.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(noList.body()).contains("no such list 'nope' (known: product-news, stories-weekly)");
    assertThat(noSubscriber.statusCode()).isEqualTo(404);
    assertThat(noSubscriber.body()).contains("no subscriber nobody@example.org");
    assertThat(badEmail.statusCode()).isEqualTo(400);
    assertThat(badEmail.body()).contains("'not-an-address' is not a valid email address");
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(jdbc.queryForObject("select count(*) from list_subscriptions where list_id = 'nope'"
        + " or subscriber_id not in (select id from subscribers)", Long.class)).isZero();
  }

  HttpResponse<String> send(String method, String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", "Bearer " + TOKEN).method(method, HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
