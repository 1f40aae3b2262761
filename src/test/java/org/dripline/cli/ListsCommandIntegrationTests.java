package org.dripline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.dripline.lists.MailingList;
import org.dripline.lists.ListMemberships;
import org.dripline.testing.TestEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code dripline lists}: each list with its counts and its consent version, and a broken list file
 * named with its place.
 */
@SpringBootTest
@ActiveProfiles("test")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ListsCommandIntegrationTests {

  @TempDir
  static Path lists;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> "jdbc:h2:mem:lists-cli-" + java.util.UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("dripline.lists.dir", () -> lists.toString());
  }

  @Autowired
  ApplicationContext context;
  @Autowired
  ListMemberships memberships;
  @Autowired
  JdbcTemplate jdbc;

  @Test
  void printsEachListWithItsCountsAndExitsTwoOnABrokenFile() throws IOException {
    // given two lists (one with its own consent text), one member of each state on the first, and a list file with a typo
    Files.writeString(lists.resolve("weekly.yaml"), "id: weekly\nname: Weekly\nsign_up_form: true\n");
    Files.writeString(lists.resolve("quiet.yaml"), "id: quiet\nname: Quiet\ndouble_opt_in: false\n"
        + "consent: \"Yes, quiet mail now and then.\"\n");
    TestEnvironment.emptyTables(jdbc);
    long[] ids = new long[3];
    for (int i = 0; i < 3; i++) {
      jdbc.update("insert into subscribers (email, status, created_at, updated_at) values (?, 'ACTIVE', ?, ?)",
          "cli" + i + "@example.org", java.time.LocalDateTime.now(), java.time.LocalDateTime.now());
      ids[i] = jdbc.queryForObject("select id from subscribers where email = ?", Long.class, "cli" + i + "@example.org");
    }
    Instant now = Instant.parse("2026-12-01T08:00:00Z");
    memberships.joinImported(Map.of(ids[0], Set.of("weekly"), ids[1], Set.of("weekly")),
        new ListMemberships.Consent("test", "test", null), now);
    memberships.leave(ids[1], "weekly", "api", now);
    memberships.join(ids[2], "weekly", new ListMemberships.Consent("FORM", "v1", null), false, now);

    // when the command runs with all files valid
    CommandLineIntegrationTests.Result clean = CommandLineIntegrationTests.execute(context, "lists");

    // then each list is a line with its counts, settings and the consent version its sign-up records
    assertThat(clean.exitCode()).as(clean.err()).isZero();
    assertThat(clean.out()).contains("list", "subscribed", "pending", "unsubscribed", "consent version")
        .containsPattern("quiet\\s+0\\s+0\\s+0\\s+no\\s+no\\s+own "
            + MailingList.versionOf("Yes, quiet mail now and then.") + "\\s+Quiet")
        .containsPattern("weekly\\s+1\\s+1\\s+1\\s+yes\\s+yes\\s+series 2026-11-v1\\s+Weekly");

    // when a list file has a mistake
    Files.writeString(lists.resolve("typo.yaml"), "id: typo\nname: Typo\ndouble_optin: true\n");
    CommandLineIntegrationTests.Result broken = CommandLineIntegrationTests.execute(context, "lists");

    // then the good lists still print, the problem goes to stderr with its place, and the exit code is 2
    assertThat(broken.exitCode()).isEqualTo(2);
    assertThat(broken.out()).contains("weekly").doesNotContain("typo");
    assertThat(broken.err()).contains(lists.resolve("typo.yaml") + ":3:1: unknown key 'double_optin'");
  }
}
