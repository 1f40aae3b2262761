package org.dripline.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dripline.subscriber.importing.SubscriberImporter;
import org.dripline.testing.TestEnvironment;
import org.dripline.web.OpsHttp;
import org.junit.jupiter.api.BeforeEach;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every endpoint of the ops API over real HTTP, against GreenMail and a private H2: the token,
 * 400 problems naming the field, 404 for unknown ids, 409 for runs in the wrong state, and a run
 * started over HTTP that sends, shows in the report and in the Prometheus metrics.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "dripline.api.token=" + OpsApiIntegrationTests.TOKEN)
@ActiveProfiles("test")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class OpsApiIntegrationTests {

  static final String TOKEN = "ops-api-test-token-0123456789";
  static final String CAMPAIGN = "working-mom-guilt";
  /** 09:00 in New York (the readers give no timezone): inside the series' 08:00-11:00 send window. */
  static final String DAY_ZERO = "2026-12-01T14:00:00Z";
  static final JsonMapper JSON = JsonMapper.builder().build();

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

  @DynamicPropertySource
  static void isolated(DynamicPropertyRegistry registry) {
    TestEnvironment.smtpAndH2(registry, smtp, "ops-api");
  }

  @LocalServerPort
  int port;
  @Autowired
  SubscriberImporter importer;
  @Autowired
  JdbcTemplate jdbc;
  @TempDir
  Path tmp;

  OpsHttp http;

  @BeforeEach
  void client() {
    http = OpsHttp.of(port, TOKEN);
  }

  /** Readers of the campaign's audience; each test brings its own, so the runs of others do not count. */
  void readers(String... firstNames) throws Exception {
    StringBuilder csv = new StringBuilder("email,first_name,tags\n");
    for (String name : firstNames) {
      csv.append(name.toLowerCase()).append(".api@example.org,").append(name).append(",working-mom\n");
    }
    Path file = Files.createTempFile(tmp, "readers", ".csv");
    Files.writeString(file, csv);
    assertThat(importer.importFile(file, "test").rejected()).isZero();
  }

  long welcomesReceived() {
    return java.util.Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
      try {
        return m.getSubject().contains("love your kids");
      } catch (Exception e) {
        return false;
      }
    }).count();
  }

  @Test
  void aRunStartedOverHttpAnswers202SendsAndShowsInTheReportAndTheMetrics() throws Exception {
    // given three new readers
    readers("Ann", "Bob", "Cy");

    // when a run is started for day zero
    HttpResponse<String> started = http.postJson("/api/runs", "{\"campaign\":\"" + CAMPAIGN + "\",\"asOf\":\"" + DAY_ZERO + "\"}");

    // then it answers at once with 202, where to watch it, and the run
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    JsonNode run = JSON.readTree(started.body());
    long id = run.get("id").asLong();
    assertThat(started.headers().firstValue("Location")).hasValue("/api/runs/" + id);
    assertThat(run.get("campaign").asString()).isEqualTo(CAMPAIGN);
    assertThat(run.get("asOf").asString()).isEqualTo(DAY_ZERO);

    // and the run completes with a welcome for each reader it enrolled (ours, and any another test left waiting)
    JsonNode done = waitUntilFinished(id);
    assertThat(done.get("status").asString()).isEqualTo("COMPLETED");
    assertThat(done.get("enrolled").asLong()).isGreaterThanOrEqualTo(3);
    assertThat(done.get("sent").asLong()).isEqualTo(done.get("enrolled").asLong());
    // and the view names the process that ran it and its last heartbeat; it recovered nothing
    assertThat(done.get("owner").get("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
    assertThat(done.get("heartbeat").asString()).isNotBlank();
    assertThat(done.get("recoveredFrom").isNull()).isTrue();
    assertThat(JSON.readTree(http.get("/api/runs").body()).findValues("id")).extracting(JsonNode::asLong).contains(id);

    // and the report counts them, step by step
    JsonNode report = JSON.readTree(http.get("/api/campaigns/" + CAMPAIGN + "/report").body());
    JsonNode welcome = step(report, "welcome");
    assertThat(welcome.get("sent").asLong()).isEqualTo(welcomesReceived()).isGreaterThanOrEqualTo(3);
    assertThat(welcome.get("opensHuman").asLong()).isZero();

    // and Prometheus sees the messages and Spring Batch's own run timer
    String metrics = http.get("/actuator/prometheus").body();
    assertThat(metric(metrics, "dripline_messages_total{outcome=\"sent\"")).isGreaterThanOrEqualTo(3);
    assertThat(metrics).contains("dripline_ledger_backlog").contains("spring_batch_job_seconds_count")
        .contains("job_name=\"dripRunJob\"");
  }

  @Test
  void aDryRunAnswersThePlanAndWritesNothing() throws Exception {
    readers("Dee");
    long deliveries = count("deliveries");
    long executions = count("batch_job_execution");

    HttpResponse<String> plan = http.postJson("/api/runs",
        "{\"campaign\":\"" + CAMPAIGN + "\",\"asOf\":\"2026-12-01T15:00:00Z\",\"dryRun\":true}");

    assertThat(plan.statusCode()).as(plan.body()).isEqualTo(200);
    JsonNode body = JSON.readTree(plan.body());
    assertThat(body.get("campaignId").asString()).isEqualTo(CAMPAIGN);
    assertThat(body.get("steps").isArray()).isTrue();
    assertThat(count("deliveries")).isEqualTo(deliveries);
    assertThat(count("batch_job_execution")).isEqualTo(executions);
  }

  @Test
  void badInputAnswers400WithAProblemNamingTheField() throws Exception {
    assertProblem(http.postJson("/api/runs", "{\"asOf\":\"" + DAY_ZERO + "\"}"), 400, "campaign");
    assertProblem(http.postJson("/api/runs", "{\"campaign\":\"" + CAMPAIGN + "\",\"asOf\":\"next tuesday\"}"), 400, "asOf");
    assertProblem(http.postJson("/api/runs", "{\"campaign\":\"" + CAMPAIGN + "\",\"dryRun\":\"maybe\"}"), 400, "dryRun");
    assertProblem(http.get("/api/runs/abc"), 400, "id");
    assertProblem(http.get("/api/runs?limit=0"), 400, "limit");
    assertProblem(http.get("/api/campaigns/" + CAMPAIGN + "/preview?subscriber=ann.api@example.org"), 400, "step");
    assertProblem(http.get("/api/campaigns/" + CAMPAIGN + "/preview?step=welcome"), 400, "subscriber");
    assertProblem(http.get("/api/campaigns/" + CAMPAIGN + "/preview?step=welcome&subscriber=ann.api@example.org&asOf=soon"),
        400, "asOf");

    HttpResponse<String> broken = http.postJson("/api/runs", "{\"campaign\": ");
    assertProblem(broken, 400, null);
    assertThat(broken.body()).contains("not valid JSON").doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void unknownIdsAnswer404() throws Exception {
    readers("Ann");
    assertProblem(http.get("/api/runs/987654"), 404, null);
    assertProblem(http.postJson("/api/runs/987654/stop", ""), 404, null);
    assertProblem(http.postJson("/api/runs/987654/restart", ""), 404, null);
    assertProblem(http.get("/api/campaigns/no-such-campaign/report"), 404, null);
    assertProblem(http.get("/api/campaigns/no-such-campaign/preview?step=welcome&subscriber=ann.api@example.org"), 404, null);
    assertProblem(http.get("/api/campaigns/" + CAMPAIGN + "/preview?step=no-such-step&subscriber=ann.api@example.org"), 404, null);
    assertProblem(http.get("/api/campaigns/" + CAMPAIGN + "/preview?step=welcome&subscriber=nobody@example.org"), 404, null);
    assertProblem(http.postJson("/api/runs", "{\"campaign\":\"no-such-campaign\"}"), 404, null);
  }

  @Test
  void aFinishedRunCannotBeStoppedOrRestarted() throws Exception {
    readers("Eve");
    HttpResponse<String> started = http.postJson("/api/runs", "{\"campaign\":\"" + CAMPAIGN + "\",\"asOf\":\"2026-12-02T14:00:00Z\"}");
    long id = JSON.readTree(started.body()).get("id").asLong();
    assertThat(waitUntilFinished(id).get("status").asString()).isEqualTo("COMPLETED");

    assertProblem(http.postJson("/api/runs/" + id + "/stop", ""), 409, null);
    assertProblem(http.postJson("/api/runs/" + id + "/restart", ""), 409, null);
  }

  @Test
  void campaignsAndPreviewsAnswerWithTheToken() throws Exception {
    readers("Ann");
    JsonNode campaigns = JSON.readTree(http.get("/api/campaigns").body());
    JsonNode ours = campaigns.valueStream().filter(c -> c.get("id").asString().equals(CAMPAIGN)).findFirst().orElseThrow();
    assertThat(ours.get("steps").findValuesAsString("id")).startsWith("welcome");

    HttpResponse<String> preview = http.get("/api/campaigns/" + CAMPAIGN
        + "/preview?step=welcome&subscriber=ann.api@example.org&asOf=" + DAY_ZERO);
    assertThat(preview.statusCode()).as(preview.body()).isEqualTo(200);
    JsonNode body = JSON.readTree(preview.body());
    assertThat(body.get("subject").asString()).isEqualTo("Ann, you love your kids and your career");
    assertThat(body.get("html").asString()).contains("<html");
    assertThat(body.get("text").asString()).isNotBlank();
  }

  @Test
  void everyEndpointWantsTheToken() throws Exception {
    OpsHttp anonymous = OpsHttp.of(port, "not-the-token");
    for (String path : List.of("/api/runs", "/api/runs/1", "/api/campaigns", "/api/campaigns/" + CAMPAIGN + "/report",
        "/api/campaigns/" + CAMPAIGN + "/preview?step=welcome&subscriber=ann.api@example.org", "/actuator/prometheus")) {
      assertThat(anonymous.get(path).statusCode()).as(path).isEqualTo(401);
      assertThat(anonymous.getWithout(path).statusCode()).as(path).isEqualTo(401);
    }
    for (String path : List.of("/api/runs", "/api/runs/1/stop", "/api/runs/1/restart")) {
      HttpResponse<String> response = anonymous.postJson(path, "{\"campaign\":\"" + CAMPAIGN + "\"}");
      assertThat(response.statusCode()).as(path).isEqualTo(401);
      assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }
  }

  JsonNode waitUntilFinished(long id) {
    return await("run " + id + " to finish").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
        .until(() -> run(id), run -> !List.of("STARTING", "STARTED", "STOPPING").contains(run.get("status").asString()));
  }

  JsonNode run(long id) throws Exception {
    HttpResponse<String> response = http.get("/api/runs/" + id);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  static void assertProblem(HttpResponse<String> response, int status, String field) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonNode problem = JSON.readTree(response.body());
    assertThat(problem.get("status").asInt()).isEqualTo(status);
    assertThat(problem.get("detail").asString()).isNotBlank();
    if (field != null) {
      assertThat(problem.get("field").asString()).isEqualTo(field);
    }
  }

  static JsonNode step(JsonNode report, String stepId) {
    return report.get("steps").valueStream().filter(s -> s.get("stepId").asString().equals(stepId)).findFirst().orElseThrow();
  }

  static double metric(String scrape, String prefix) {
    return scrape.lines().filter(l -> l.startsWith(prefix)).mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  long count(String table) {
    return jdbc.queryForObject("select count(*) from " + table, Long.class);
  }
}
