package org.dripline.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dripline.DriplineApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A Dripline context a test starts and closes itself (try-with-resources), when it needs more than
 * one, a database of its own per test method, or the context's whole life inside the test: no web
 * server, the {@code test} profile, and the command-line arguments it is given.
 */
public final class TestContexts {

  private static final String DATASOURCE = "--spring.datasource.url=";

  private TestContexts() {
  }

  /** A context with exactly these arguments. */
  public static ConfigurableApplicationContext start(String... args) {
    return new SpringApplicationBuilder(DriplineApplication.class).web(WebApplicationType.NONE).profiles("test")
        .run(args);
  }

  /**
   * A context sending to {@code 127.0.0.1:smtpPort}, on a fresh in-memory H2 named after
   * {@code name} unless {@code more} names a datasource (MariaDB's, say), then {@code more}.
   */
  public static ConfigurableApplicationContext onH2(String name, int smtpPort, String... more) {
    List<String> args = new ArrayList<>();
    if (Arrays.stream(more).noneMatch(arg -> arg.startsWith(DATASOURCE))) {
      args.add(DATASOURCE + "jdbc:h2:mem:" + name + "-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    }
    args.addAll(List.of("--spring.mail.host=127.0.0.1", "--spring.mail.port=" + smtpPort));
    args.addAll(List.of(more));
    return start(args.toArray(String[]::new));
  }
}
