package org.dripline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.dripline.testing.TestEnvironment;
import org.dripline.web.OpsHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The lifecycle's two doors, the {@code campaign} command and {@code /api/campaigns/{id}/...}, over
 * one application (picocli as the jar runs it, real HTTP with the token): every change is
 * idempotent and says the state, refusals are exit code 2 / 404 / 409 with one clear line, and an
 * archived campaign's run is refused at both doors.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "dripline.api.token=" + LifecycleDoorsIntegrationTests.TOKEN)
@ActiveProfiles("test")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class LifecycleDoorsIntegrationTests {

  static final String TOKEN = "lifecycle-doors-token-0123456789";
  static final String CAMPAIGN = "working-mom-guilt";
  static final Path WORKSPACE = CommandLineIntegrationTests.workspace();
  static final JsonMapper JSON = JsonMapper.builder().build();

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    TestEnvironment.smtpAndH2(registry, smtp, "lifecycle-doors");
    registry.add("dripline.campaigns-dir", () -> WORKSPACE.resolve("campaigns").toString());
    registry.add("dripline.templates-dir", () -> WORKSPACE.resolve("templates").toString());
  }

  @Autowired
  ApplicationContext context;
  @Autowired
  JdbcTemplate jdbc;
  @LocalServerPort
  int port;

  OpsHttp http;

  @BeforeEach
  void liveCampaign() {
    jdbc.update("delete from campaign_lifecycle");
    http = OpsHttp.of(port, TOKEN);
  }

  @Test
  void eachCommandIsIdempotentAndPrintsTheState() {
    // when the campaign is paused twice
    CommandLineIntegrationTests.Result first = execute("campaign", "pause", CAMPAIGN, "--as-of", "2026-12-01T08:00:00Z");
    CommandLineIntegrationTests.Result second = execute("campaign", "pause", CAMPAIGN);

    // then both succeed; the first paused it, the second says there was nothing to do
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).startsWith(CAMPAIGN + ": paused: nothing is sent until resume")
        .contains("now paused (paused since 2026-12-01T08:00:00Z").contains("by cli:");
    assertThat(second.exitCode()).isZero();
    assertThat(second.out()).startsWith(CAMPAIGN + ": nothing to do, already paused; now paused");
    assertThat(execute("campaign", "status", CAMPAIGN).out()).startsWith(CAMPAIGN + ": paused (paused since");

    // and closing, reopening and resuming twice each work the same way
    assertThat(execute("campaign", "close", CAMPAIGN).out()).contains("now paused and closed");
    assertThat(execute("campaign", "close", CAMPAIGN).out()).contains("nothing to do, already closed");
    assertThat(execute("campaign", "reopen", CAMPAIGN).out()).contains("reopened");
    assertThat(execute("campaign", "reopen", CAMPAIGN).out()).contains("nothing to do, not closed");
    CommandLineIntegrationTests.Result resumed = execute("campaign", "resume", CAMPAIGN, "--as-of",
        "2026-12-03T08:00:00Z");
    assertThat(resumed.out()).contains("resumed after a pause of 2d (on_resume: catch_up").contains("now live");
    assertThat(execute("campaign", "resume", CAMPAIGN).out()).contains("nothing to do, not paused; now live");
  }

  @Test
  void refusalsAreOneLineAndExitCodeTwo() {
    // when a campaign that does not exist is paused, no subcommand is given, or a date is malformed
    CommandLineIntegrationTests.Result unknown = execute("campaign", "pause", "nope");
    CommandLineIntegrationTests.Result bare = execute("campaign");
    CommandLineIntegrationTests.Result badDate = execute("campaign", "pause", CAMPAIGN, "--as-of", "tomorrow");

    // then each exits 2 and says why
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("error: no campaign 'nope'");
    assertThat(bare.exitCode()).isEqualTo(2);
    assertThat(bare.err()).contains("Missing required subcommand");
    assertThat(badDate.exitCode()).isEqualTo(2);
    assertThat(execute("campaign", "--help").out()).contains("Usage: dripline campaign")
        .contains("pause").contains("unarchive");
  }

  @Test
  void anArchivedCampaignsRunIsRefusedAtTheCommandLineUntilUnarchived() {
    // given an archived campaign (archived twice)
    assertThat(execute("campaign", "archive", CAMPAIGN).out()).contains("archived: read-only");
    assertThat(execute("campaign", "archive", CAMPAIGN).out()).contains("nothing to do, already archived");

    // when it is run, or resumed
    CommandLineIntegrationTests.Result run = execute("run", "--campaign", CAMPAIGN, "--as-of", "2026-12-01T08:00:00Z");
    CommandLineIntegrationTests.Result resume = execute("campaign", "resume", CAMPAIGN);

    // then both exit 2 with one line naming the way back
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip().lines()).singleElement().asString()
        .startsWith("error: campaign " + CAMPAIGN + " is archived").contains("dripline campaign unarchive " + CAMPAIGN);
    assertThat(resume.exitCode()).isEqualTo(2);
    assertThat(resume.err()).contains("read-only");

    // and unarchiving brings it back paused and closed
    CommandLineIntegrationTests.Result back = execute("campaign", "unarchive", CAMPAIGN);
    assertThat(back.exitCode()).isZero();
    assertThat(back.out()).contains("unarchived").contains("now paused and closed");
  }

  @Test
  void theApiChangesAreIdempotentAndTheStateIsReadable() throws Exception {
    // when the campaign is paused twice over HTTP
    JsonNode first = ok(http.postJson("/api/campaigns/" + CAMPAIGN + "/pause?asOf=2026-12-01T08:00:00Z", ""));
    JsonNode second = ok(http.postJson("/api/campaigns/" + CAMPAIGN + "/pause", ""));

    // then both answer 200 with the state; only the first changed it, by the API
    assertThat(first.get("changed").asBoolean()).isTrue();
    assertThat(first.get("lifecycle").get("state").asString()).isEqualTo("paused");
    assertThat(first.get("lifecycle").get("pausedAt").asString()).isEqualTo("2026-12-01T08:00:00Z");
    assertThat(first.get("lifecycle").get("changedBy").asString()).isEqualTo("api");
    assertThat(second.get("changed").asBoolean()).isFalse();
    assertThat(second.get("message").asString()).contains("nothing to do, already paused");
    JsonNode state = ok(http.get("/api/campaigns/" + CAMPAIGN + "/lifecycle"));
    assertThat(state.get("paused").asBoolean()).isTrue();
    assertThat(state.get("closed").asBoolean()).isFalse();

    // and a resume says how long the pause was and what on_resume did
    JsonNode resumed = ok(http.postJson("/api/campaigns/" + CAMPAIGN + "/resume?asOf=2026-12-02T08:00:00Z", ""));
    assertThat(resumed.get("changed").asBoolean()).isTrue();
    assertThat(resumed.get("onResume").asString()).isEqualTo("catch_up");
    assertThat(resumed.get("pauseSeconds").asLong()).isEqualTo(86_400);
    assertThat(ok(http.postJson("/api/campaigns/" + CAMPAIGN + "/resume", "")).get("changed").asBoolean()).isFalse();
  }

  @Test
  void theApiAnswers404And409And400AndRefusesAnArchivedCampaignsRun() throws Exception {
    // given an archived campaign
    ok(http.postJson("/api/campaigns/" + CAMPAIGN + "/archive", ""));

    // when a run is started, the campaign resumed, an unknown one paused, and a bad date given
    HttpResponse<String> run = http.postJson("/api/runs", "{\"campaign\":\"" + CAMPAIGN + "\"}");
    HttpResponse<String> resume = http.postJson("/api/campaigns/" + CAMPAIGN + "/resume", "");
    HttpResponse<String> unknown = http.postJson("/api/campaigns/nope/pause", "");
    HttpResponse<String> badDate = http.postJson("/api/campaigns/" + CAMPAIGN + "/unarchive?asOf=soon", "");
    HttpResponse<String> noToken = http.postJsonWithout("/api/campaigns/" + CAMPAIGN + "/unarchive", "");

    // then 409 for both refusals (naming the archive), 404, 400 naming the field, 401 without the token
    assertThat(run.statusCode()).as(run.body()).isEqualTo(409);
    assertThat(JSON.readTree(run.body()).get("detail").asString()).contains("is archived");
    assertThat(resume.statusCode()).isEqualTo(409);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(badDate.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(badDate.body()).get("field").asString()).isEqualTo("asOf");
    assertThat(noToken.statusCode()).isEqualTo(401);
    assertThat(ok(http.get("/api/campaigns/" + CAMPAIGN + "/lifecycle")).get("state").asString()).isEqualTo("archived");
  }

  JsonNode ok(HttpResponse<String> response) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  CommandLineIntegrationTests.Result execute(String... args) {
    return CommandLineIntegrationTests.execute(context, args);
  }
}
