package org.dripline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import picocli.CommandLine;

/** {@code bounces} as the jar runs it: one pass over a real IMAP mailbox, counts on stdout. */
@SpringBootTest
@ActiveProfiles("test")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class BouncesCommandIntegrationTests {

  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP))
      .withConfiguration(GreenMailConfiguration.aConfig().withUser("bounces@dripline.example", "bounces", "secret"))
      .withPerMethodLifecycle(false);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> mail.getSmtp().getPort());
    registry.add("spring.datasource.url", () -> "jdbc:h2:mem:bounces-cli-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    registry.add("dripline.bounce.imap.host", () -> "127.0.0.1");
    registry.add("dripline.bounce.imap.port", () -> mail.getImap().getPort());
    registry.add("dripline.bounce.imap.ssl", () -> "false");
    registry.add("dripline.bounce.imap.user", () -> "bounces");
    registry.add("dripline.bounce.imap.password", () -> "secret");
  }

  @Autowired
  ApplicationContext context;

  @Test
  void bouncesReadsTheMailboxOncePrintsItsCountsAndIsSafeToRunAgain() throws Exception {
    // given a bounce for an unknown delivery and an out-of-office reply in the mailbox
    deliver("qmail-text-hard");
    deliver("out-of-office");

    // when the command runs twice
    String[] first = execute("bounces");
    String[] second = execute("bounces");

    // then the first run reports both messages, the second finds nothing new, both exit 0
    assertThat(first[0]).as(first[1]).isEqualTo("0");
    assertThat(first[1]).contains("status=COMPLETED read=2 hard=0 soft=0 soft-suppressed=0 complaints=0"
        + " unsubscribes=0 unmatched=1 ignored=1 already=0");
    assertThat(second[0]).isEqualTo("0");
    assertThat(second[1]).contains("status=COMPLETED read=0");
  }

  private void deliver(String fixture) throws Exception {
    try (InputStream in = getClass().getResourceAsStream("/bounces/" + fixture + ".eml")) {
      mail.getUserManager().getUser("bounces").deliver(new MimeMessage(Session.getInstance(new Properties()), in));
    }
  }

  /** exit code, stdout + stderr */
  private String[] execute(String... args) {
    StringWriter out = new StringWriter();
    CommandLine line = CliRunner.commandLine(context);
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(out, true));
    int code = line.execute(args);
    return new String[] {Integer.toString(code), out.toString()};
  }
}
