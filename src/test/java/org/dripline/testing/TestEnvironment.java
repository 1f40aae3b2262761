package org.dripline.testing;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The properties most integration tests share: a GreenMail SMTP server and a private H2 database;
 * or, for the tests that send nothing, one context and one H2 database shared between classes.
 */
public final class TestEnvironment {

  /**
   * With {@link #SHARED_H2}, in this order, in {@code @SpringBootTest(properties = ...)} and with no
   * {@code @DynamicPropertySource}: every class declaring exactly that reuses one cached context.
   * Mail goes nowhere (nothing listens on port 25), so only tests that send nothing use it.
   */
  public static final String NO_SMTP = "spring.mail.host=127.0.0.1";
  /** The H2 database of the shared context; a class using it starts from {@link #emptyTables}. */
  public static final String SHARED_H2 = "spring.datasource.url=jdbc:h2:mem:shared-no-smtp;DB_CLOSE_DELAY=-1";

  /** Children before parents, so that no foreign key stops a delete. */
  private static final List<String> TABLES = List.of("archived_issues", "events", "links", "bounce_events",
      "suppressions", "deliveries", "enrollments", "list_subscriptions", "subscriber_tags", "subscriber_attributes", "subscribers");

  private TestEnvironment() {
  }

  /** Sends go to {@code smtp}; the database is a fresh in-memory H2 named after the test. */
  public static void smtpAndH2(DynamicPropertyRegistry registry, GreenMailExtension smtp, String name) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
    registry.add("spring.datasource.url", () -> "jdbc:h2:mem:" + name + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
  }

  /** Deletes every subscriber, delivery, event and bounce, so a class sharing a database starts from none. */
  public static void emptyTables(JdbcOperations jdbc) {
    for (String table : TABLES) {
      // Table names from the constant list above: the whole table goes, whatever an earlier class left.
      jdbc.update("delete from " + table);
    }
  }
}
