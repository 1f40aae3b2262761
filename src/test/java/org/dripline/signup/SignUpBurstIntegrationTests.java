package org.dripline.signup;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.dripline.testing.TestEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Issue 13: a burst of sign-ups for one address sends it exactly one confirmation mail (default limits). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"dripline.subscribe.max-per-client=1000"})
@ActiveProfiles("test")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SignUpBurstIntegrationTests {

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

  @DynamicPropertySource
  static void isolated(DynamicPropertyRegistry registry) {
    TestEnvironment.smtpAndH2(registry, smtp, "signup-burst");
  }

  @LocalServerPort
  int port;
  @Autowired
  @Qualifier(TaskExecutionAutoConfiguration.APPLICATION_TASK_EXECUTOR_BEAN_NAME)
  ThreadPoolTaskExecutor mailer;

  @Test
  void aBurstOfSignUpsForOneAddressSendsOneConfirmation() throws Exception {
    // when 40 sign-ups for the same address (in varying case) arrive at once
    HttpClient client = HttpClient.newHttpClient();
    List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String email = i % 2 == 0 ? "burst@example.org" : "Burst@Example.org";
      answers.add(client.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/subscribe"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\",\"consent\":true}")).build(),
          HttpResponse.BodyHandlers.ofString()));
    }

    // then every one gets the same answer
    for (CompletableFuture<HttpResponse<String>> answer : answers) {
      assertThat(answer.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(202);
    }
    // and once the background mails are out, the address got exactly one
    assertThat(smtp.waitForIncomingEmail(30_000, 1)).isTrue();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while ((mailer.getActiveCount() > 0 || mailer.getThreadPoolExecutor().getQueue().size() > 0)
        && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(mailer.getActiveCount()).isZero();
    assertThat(smtp.getReceivedMessagesForDomain("burst@example.org")).hasSize(1);
    assertThat(smtp.getReceivedMessages()).hasSize(1);
  }
}
