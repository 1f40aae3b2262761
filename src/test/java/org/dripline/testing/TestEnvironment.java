package org.dripline.testing;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/** The properties most integration tests share: a GreenMail SMTP server and a private H2 database. */
public final class TestEnvironment {

  private TestEnvironment() {
  }

  /** Sends go to {@code smtp}; the database is a fresh in-memory H2 named after the test. */
  public static void smtpAndH2(DynamicPropertyRegistry registry, GreenMailExtension smtp, String name) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
    registry.add("spring.datasource.url", () -> "jdbc:h2:mem:" + name + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
  }
}
