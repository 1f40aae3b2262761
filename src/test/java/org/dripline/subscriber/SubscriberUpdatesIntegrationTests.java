package org.dripline.subscriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.dripline.testing.TestEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Stopping a subscriber's mail against a real database: with the caller's transaction, and for odd stored rows. */
@SpringBootTest
@ActiveProfiles("test")
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class SubscriberUpdatesIntegrationTests {

  static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    TestEnvironment.smtpAndH2(registry, smtp, "subscriber-updates");
  }

  @Autowired
  SubscriberUpdates updates;
  @Autowired
  PlatformTransactionManager transactionManager;
  @Autowired
  JdbcTemplate jdbc;

  long subscriber(String email) {
    jdbc.update("insert into subscribers (email, status, created_at, updated_at) values (?, 'ACTIVE', ?, ?)", email,
        java.sql.Timestamp.from(NOW), java.sql.Timestamp.from(NOW));
    return jdbc.queryForObject("select id from subscribers where email = ?", Long.class, email);
  }

  String status(long id) {
    return jdbc.queryForObject("select status from subscribers where id = ?", String.class, id);
  }

  long suppressions(String email) {
    return jdbc.queryForObject("select count(*) from suppressions where email = ?", Long.class, email);
  }

  @Test
  void stoppingMailIsUndoneWhenTheCallersTransactionRollsBack() {
    // given an active subscriber
    long id = subscriber("rollback@example.org");
    TransactionTemplate transaction = new TransactionTemplate(transactionManager);

    // when their mail is stopped inside a transaction that then fails (the caller's own record, say)
    assertThatIllegalStateException().isThrownBy(() -> transaction.executeWithoutResult(status -> {
      updates.stopMail(id, "rollback@example.org", SuppressionReason.COMPLAINT, "test", NOW);
      throw new IllegalStateException("the caller's own write failed");
    }));

    // then neither the suppression nor the status change is left behind
    assertThat(status(id)).isEqualTo("ACTIVE");
    assertThat(suppressions("rollback@example.org")).isZero();

    // and when the same transaction commits, both are there
    transaction.executeWithoutResult(status ->
        updates.stopMail(id, "rollback@example.org", SuppressionReason.COMPLAINT, "test", NOW));
    assertThat(status(id)).isEqualTo("COMPLAINED");
    assertThat(suppressions("rollback@example.org")).isOne();
  }

  @Test
  void aStoredAddressTheSuppressionListRefusesStillStopsMail() {
    // given a subscriber whose stored address is not one the suppression list accepts
    long id = subscriber("not-an-address");

    // when they hard-bounce
    updates.stopMail(id, "not-an-address", SuppressionReason.HARD_BOUNCE, "test", NOW);

    // then the status still stops their mail
    assertThat(status(id)).isEqualTo("BOUNCED");
    assertThat(suppressions("not-an-address")).isZero();
  }

  @Test
  void stoppingTwiceKeepsTheFirstReasonAndTheStrongerStatus() {
    // given a subscriber who complained
    long id = subscriber("twice@example.org");
    updates.stopMail(id, "twice@example.org", SuppressionReason.COMPLAINT, "arf", NOW);

    // when they also unsubscribe
    updates.stopMail(id, "twice@example.org", SuppressionReason.UNSUBSCRIBED, "one-click", NOW);

    // then the complaint stays on record, in the status and in the suppression
    assertThat(status(id)).isEqualTo("COMPLAINED");
    assertThat(jdbc.queryForObject("select reason from suppressions where email = 'twice@example.org'", String.class))
        .isEqualTo("COMPLAINT");
  }

  @Test
  void aManualReasonNamesNoSubscriberStatusAndIsRefused() {
    long id = subscriber("manual@example.org");

    assertThatIllegalArgumentException()
        .isThrownBy(() -> updates.stopMail(id, "manual@example.org", SuppressionReason.MANUAL, "test", NOW));
    assertThat(status(id)).isEqualTo("ACTIVE");
  }
}
