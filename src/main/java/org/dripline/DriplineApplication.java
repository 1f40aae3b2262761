package org.dripline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.dripline.cli.CliLauncher;
import org.dripline.cli.CommandArguments;
import java.util.Comparator;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One jar, three ways in: a command ({@code import}, {@code run}, {@code validate}: no web server,
 * exits with the command's code), {@code demo} (what {@code mvn spring-boot:run} starts), or
 * {@code serve} (the default: web server with the dev inbox when no SMTP host is configured).
 * Every feature's {@code @ConfigurationProperties} record ({@code <Feature>Settings}) is found by
 * the scan below: a feature declares its settings, nothing registers them one by one.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DriplineApplication {

  static final Set<String> SERVERS = Set.of("serve", "demo");

  /**
   * A command talks through its own output; Spring Batch's step error logs would only repeat it as
   * stack traces. A start-up failure (no templates directory, database unreachable) is reported in
   * one line; Boot's and the context's own reports of it would be stack traces.
   */
  private static final Map<String, Object> CLI_DEFAULTS = Map.of("dripline.mode", "cli", "logging.level.root", "WARN",
      "logging.level.org.springframework.batch", "OFF", "spring.main.log-startup-info", "false",
      "logging.level.org.springframework.boot.SpringApplication", "OFF",
      "logging.level.org.springframework.context", "ERROR");

  /** The demo's console login and API token: demo mode only, never defaults for {@code serve}. */
  public static final String DEMO_CONSOLE_USER = "demo";
  public static final String DEMO_CONSOLE_PASSWORD = "demo";
  public static final String DEMO_API_TOKEN = "demo-api-token-not-for-production";

  public static void main(String[] args) {
    CommandArguments arguments = CommandArguments.of(args);
    String first = arguments.first() == null ? "serve" : arguments.first();
    if (!SERVERS.contains(first) || arguments.helpRequested()) {
      // Usage, a mistyped option and `validate` need no database: they start no application context
      // (or one of files only), so they answer fast and write nothing to disk. Nothing of Spring is
      // made before this answer: even a SpringApplication's constructor starts the logging system.
      OptionalInt answered = CliLauncher.answerWithoutServices(arguments, System.err);
      if (answered.isPresent()) {
        System.exit(answered.getAsInt());
      }
      // Boot warms Jackson, Tomcat and HTTP converters up on a background thread for a server; a
      // command uses none of them and, on two cores, waits for the CPU they take (0.2-0.3 s).
      System.setProperty("spring.backgroundpreinitializer.ignore", "true");
      SpringApplication application = new SpringApplication(DriplineApplication.class);
      application.setWebApplicationType(WebApplicationType.NONE);
      try {
        if (CliLauncher.needsFilesOnly(arguments)) {
          System.exit(CliLauncher.runOnFiles(arguments, CLI_DEFAULTS));
        }
        application.setDefaultProperties(CLI_DEFAULTS);
        ConfigurableApplicationContext context = application.run(args);
        System.exit(SpringApplication.exit(context));
      } catch (RuntimeException e) {
        System.err.println("dripline: cannot start: " + StartupFailure.describe(e));
        System.exit(2);
      }
      return;
    }
    CliLauncher.warnAboutUnknownKeys(arguments, System.err);
    SpringApplication application = new SpringApplication(DriplineApplication.class);
    if ("demo".equals(first)) {
      if (!datasourceConfigured(args)) {
        resetDemoDatabase(Path.of("target", "demo"));
      }
      application.setDefaultProperties(Map.of("dripline.mode", "demo", "dripline.data-dir", "target/demo",
          "logging.level.org.springframework.batch", "WARN", "dripline.console.username", DEMO_CONSOLE_USER,
          "dripline.console.password", DEMO_CONSOLE_PASSWORD, "dripline.api.token", DEMO_API_TOKEN));
    } else {
      application.setDefaultProperties(Map.of("dripline.mode", "serve", "logging.level.org.springframework.batch", "WARN",
          "dripline.schedule.enabled", "true"));
    }
    application.run(args);
  }

  private static boolean datasourceConfigured(String[] args) {
    return Arrays.stream(args).anyMatch(a -> a.startsWith("--spring.datasource.url"))
        || System.getProperty("spring.datasource.url") != null || System.getenv("SPRING_DATASOURCE_URL") != null;
  }

  /** The demo replays the whole series at every start, so it starts from an empty embedded database. */
  private static void resetDemoDatabase(Path directory) {
    if (!Files.isDirectory(directory)) {
      return;
    }
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot reset the demo database in " + directory + ": " + e.getMessage(), e);
    }
  }
}
