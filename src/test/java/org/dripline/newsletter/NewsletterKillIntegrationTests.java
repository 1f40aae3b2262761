package org.dripline.newsletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.dripline.testing.ChildJvm;
import org.dripline.testing.DataDirH2;
import org.dripline.testing.ScriptedSmtpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The 1,000-list issue with real processes on the embedded default: `newsletter send` killed with
 * SIGKILL while it sends, then the very same command until its lease ran out and it completes. The
 * 850 get it at most once each: every one is SENT or named ambiguous (a claim the kill cut off), none
 * is re-sent, and the snapshot is not taken again.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class NewsletterKillIntegrationTests {

  @TempDir
  Path dataDir;
  @TempDir
  Path newsletters;

  @Test
  void aSendKilledWithSigkillIsCompletedByTheSameCommandAndNobodyGetsItTwice() throws Exception {
    NewsletterScenario.writeIssue(newsletters, "weekly-kill", "subject: \"This week\"\nsend_at: \"2030-01-10T09:00:00Z\"\n");
    try (ScriptedSmtpServer smtp = new ScriptedSmtpServer(Set.of(), 20)) {
      // given 1,000 on the list, of whom 100 left it and 50 unsubscribed from everything
      StringBuilder rows = new StringBuilder("email,lists\n");
      for (int i = 0; i < 1_000; i++) {
        rows.append("kill").append(i).append("@example.org,stories-weekly\n");
      }
      Path csv = Files.createTempFile("kill", ".csv");
      Files.writeString(csv, rows);
      assertThat(child(smtp.port(), "import", "--file", csv.toString()).finish().exitCode()).isZero();
      update("update list_subscriptions set status = 'UNSUBSCRIBED' where subscriber_id in"
          + " (select id from subscribers where id <= (select min(id) + 99 from subscribers))");
      update("update subscribers set status = 'UNSUBSCRIBED' where id > (select min(id) + 99 from subscribers)"
          + " and id <= (select min(id) + 149 from subscribers)");

      // when the send is killed with SIGKILL after 100 messages
      String[] send = {"newsletter", "send", "weekly-kill"};
      ChildJvm.Started killed = child(smtp.port(), send);
      assertThat(killed.sigkillOnce("100 accepted", () -> smtp.accepted.size() >= 100))
          .as("the send was still going at the kill").isTrue();

      // and the same command runs again until it is no longer refused (deadline 5 minutes)
      ChildJvm.Retries retries = ChildJvm.untilExitZero(Duration.ofMinutes(5), () -> child(smtp.port(), send).finish());
      ChildJvm.Result healed = retries.completed();
      List<ChildJvm.Result> refused = retries.refused();

      // then it completed; the snapshot is the 850, each planned once, each sent or named ambiguous, none twice
      assertThat(healed).as("the same send completed; refusals: %s", refused).isNotNull();
      assertThat(healed.out()).contains("status=COMPLETED");
      assertThat(ids("select subscriber_id from newsletter_recipients where issue_id = 'weekly-kill'")).hasSize(850);
      assertThat(ids("select id from deliveries where campaign_id = 'weekly-kill'")).hasSize(850);
      List<Long> sent = ids("select id from deliveries where status = 'SENT'");
      List<Long> ambiguous = ids("select id from deliveries where status = 'SENDING'");
      System.out.printf("newsletter kill: %d refusals, %d sent, %d ambiguous%n", refused.size(), sent.size(),
          ambiguous.size());
      assertThat(sent.size() + ambiguous.size()).isEqualTo(850);
      assertThat(smtp.accepted.keySet()).containsAll(sent.stream().map(String::valueOf).toList());
      assertThat(smtp.accepted.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
      assertThat(smtp.accepted.size()).isLessThanOrEqualTo(850);
    }
  }

  private ChildJvm.Started child(int port, String... command) throws IOException {
    List<String> args = new ArrayList<>(List.of(command));
    args.addAll(List.of("--dripline.data-dir=" + dataDir, "--dripline.run.lease=PT2S",
        "--dripline.newsletters-dir=" + newsletters,
        "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + port, "--dripline.send.threads=2"));
    return ChildJvm.startDripline(args);
  }

  private void update(String sql) throws SQLException {
    DataDirH2.update(dataDir, sql);
  }

  private List<Long> ids(String sql) throws SQLException {
    return DataDirH2.ids(dataDir, sql);
  }
}
