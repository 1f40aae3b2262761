package org.dripline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.dripline.testing.TestEnvironment;
import org.dripline.web.OpsHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A campaign saved as {@code campaigns/<id>.yml} is a campaign like any {@code .yaml} one: it
 * validates, plans, runs and shows in the API's list.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "dripline.api.token=" + YmlCampaignIntegrationTests.TOKEN)
@ActiveProfiles("test")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class YmlCampaignIntegrationTests {

  static final String TOKEN = "yml-campaign-test-token-0123456789";
  static final Path CAMPAIGNS = campaigns();

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    TestEnvironment.smtpAndH2(registry, smtp, "yml-campaign");
    registry.add("dripline.campaigns-dir", CAMPAIGNS::toString);
  }

  @Autowired
  ApplicationContext context;
  @LocalServerPort
  int port;

  @Test
  void aYmlCampaignValidatesPlansRunsAndIsListed() throws Exception {
    // given campaigns/short.yml (the shipped series under another id) and one reader in its audience,
    // without a timezone: 14:00Z is 09:00 in New York, inside the series' send window
    Path csv = Files.writeString(Files.createTempFile("yml-readers", ".csv"), "email,tags\nyml@example.org,working-mom\n");
    assertThat(execute("import", "--file", csv.toString()).exitCode()).isZero();

    // when it is validated, planned and run, and the API lists the campaigns
    CommandLineIntegrationTests.Result validate = execute("validate");
    CommandLineIntegrationTests.Result plan = execute("plan", "--campaign", "short", "--as-of", "2026-12-01T14:00:00Z");
    CommandLineIntegrationTests.Result run = execute("run", "--campaign", "short", "--as-of", "2026-12-01T14:00:00Z");
    HttpResponse<String> listed = OpsHttp.of(port, TOKEN).get("/api/campaigns");

    // then each sees the campaign: valid, one welcome planned and sent, listed with its steps
    assertThat(validate.exitCode()).as(validate.err()).isZero();
    assertThat(validate.out()).contains("1 campaign(s) checked, 0 problem(s)");
    assertThat(plan.out()).contains("enroll=1 send=1");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("campaign=short").containsPattern("enrolled=1 planned=1 sent=1 failed=0");
    assertThat(smtp.getReceivedMessages()).singleElement()
        .satisfies(m -> assertThat(m.getAllRecipients()[0].toString()).isEqualTo("yml@example.org"));
    assertThat(listed.statusCode()).isEqualTo(200);
    JsonNode campaigns = JsonMapper.builder().build().readTree(listed.body());
    JsonNode shortOne = campaigns.valueStream().filter(c -> c.get("id").asString().equals("short")).findFirst()
        .orElseThrow();
    assertThat(shortOne.get("problems")).isEmpty();
    assertThat(shortOne.get("steps").findValuesAsString("id")).startsWith("welcome");
  }

  CommandLineIntegrationTests.Result execute(String... args) {
    return CommandLineIntegrationTests.execute(context, args);
  }

  static Path campaigns() {
    try {
      Path dir = Files.createTempDirectory("yml-campaigns");
      Files.writeString(dir.resolve("short.yml"), Files.readString(Path.of("campaigns/working-mom-guilt.yaml"))
          .replace("id: working-mom-guilt", "id: short"));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
