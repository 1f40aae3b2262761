package org.dripline.cli;

import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.util.Map;
import java.util.OptionalInt;
import org.dripline.campaign.CampaignCatalog;
import org.dripline.draft.SeriesDrafter;
import org.dripline.render.TemplateEngine;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.objenesis.ObjenesisStd;
import picocli.CommandLine;

/**
 * What a command needs before it starts: usage, {@code --version} and a mistyped option need no
 * Spring at all, {@code validate} and {@code draft-series} need only the campaign and template files, everything else the
 * whole application (database, Spring Batch, mail). A command that needs neither the database nor
 * the web server therefore starts in well under the time of a full start and writes nothing.
 */
public final class CliLauncher {

  private CliLauncher() {
  }

  /**
   * Answers the command without any application context when it can: usage (exit 0), a usage error
   * (exit 2, with the usage), or nothing when the command has to run.
   */
  public static OptionalInt answerWithoutServices(CommandArguments arguments, PrintStream err) {
    warnAboutUnknownKeys(arguments, err);
    CommandLine line = CliRunner.commandLine(new ParsingOnly());
    CommandLine.ParseResult parsed;
    try {
      parsed = line.parseArgs(arguments.commandArray());
    } catch (CommandLine.ParameterException e) {
      // A mistyped option also leaves a required one missing: name the typo, it is the cause.
      CommandLine failed = e.getCommandLine();
      CommandLine.ParameterException cause = e instanceof CommandLine.UnmatchedArgumentException
          || failed.getUnmatchedArguments().isEmpty() ? e
          : new CommandLine.UnmatchedArgumentException(failed, failed.getUnmatchedArguments());
      try {
        return OptionalInt.of(line.getParameterExceptionHandler().handleParseException(cause, arguments.commandArray()));
      } catch (Exception unreachable) {
        return OptionalInt.of(CliRunner.INVALID);
      }
    }
    return CommandLine.printHelpIfRequested(parsed) ? OptionalInt.of(CliRunner.OK) : OptionalInt.empty();
  }

  /**
   * {@code validate} and {@code draft-series} read and write files only: they run in a context of the
   * campaign catalog, the template engine and the drafter.
   */
  public static boolean needsFilesOnly(CommandArguments arguments) {
    return arguments.first() != null && FILES_ONLY.containsKey(arguments.first());
  }

  /** The commands of files only, by name: the one that runs is the only one made with services. */
  private static final Map<String, Class<?>> FILES_ONLY = Map.of("validate", ValidateCommand.class,
      "draft-series", DraftSeriesCommand.class);

  public static int runOnFiles(CommandArguments arguments, Map<String, Object> defaults) {
    SpringApplication application = new SpringApplication(FilesOnly.class);
    application.setWebApplicationType(WebApplicationType.NONE);
    application.setDefaultProperties(defaults);
    // draft-series with --out needs no templates directory of the configuration: nothing is made before it is asked for.
    application.setLazyInitialization("draft-series".equals(arguments.first()));
    String[] args = java.util.stream.Stream.concat(arguments.configuration().stream(), arguments.command().stream())
        .toArray(String[]::new);
    try (ConfigurableApplicationContext context = application.run(args)) {
      // Only the command asked for runs; the others are built for parsing, their services are not in this context.
      CommandLine.IFactory parsingOnly = new ParsingOnly();
      return CliRunner.commandLine(new CommandLine.IFactory() {
        @Override
        public <K> K create(Class<K> type) throws Exception {
          return type == FILES_ONLY.get(arguments.first()) ? context.getAutowireCapableBeanFactory().createBean(type)
              : parsingOnly.create(type);
        }
      }).execute(arguments.commandArray());
    }
  }

  /** One line per dotted key no metadata documents: a typo is named, and the key still applies. */
  public static void warnAboutUnknownKeys(CommandArguments arguments, PrintStream err) {
    if (arguments.configuration().isEmpty()) {
      return;
    }
    KnownProperties known = KnownProperties.fromClasspath(CliLauncher.class.getClassLoader());
    arguments.configurationKeys().stream().filter(key -> !known.knows(key)).forEach(key -> err.println(
        "dripline: warning: --" + key + " is not a property Spring Boot or Dripline documents (a typo?);"
            + " it is passed on as configuration"));
  }

  /**
   * The campaign and template files, nothing else: no auto-configuration, so no database, no
   * Spring Batch, no mail server; the settings records bind as in the full application.
   */
  @Configuration(proxyBeanMethods = false)
  @Import({CampaignCatalog.class, TemplateEngine.class, SeriesDrafter.class, org.dripline.lists.ListCatalog.class})
  @ConfigurationPropertiesScan(basePackageClasses = {CampaignCatalog.class, TemplateEngine.class, SeriesDrafter.class,
      org.dripline.lists.ListCatalog.class})
  static class FilesOnly {
  }

  /**
   * Commands built to be parsed, never run: picocli reads their options from the instance, and
   * their services are not there. A constructor gets nulls for its services (so field defaults
   * shown in the usage stay), or, if it refuses them, the instance is made without one.
   */
  private static final class ParsingOnly implements CommandLine.IFactory {

    private final ObjenesisStd objenesis = new ObjenesisStd();

    @Override
    public <K> K create(Class<K> type) throws Exception {
      if (!type.getPackageName().startsWith("org.dripline")) {
        return CommandLine.defaultFactory().create(type);
      }
      for (Constructor<?> constructor : type.getDeclaredConstructors()) {
        try {
          constructor.setAccessible(true);
          Object[] services = new Object[constructor.getParameterCount()];
          Class<?>[] parameters = constructor.getParameterTypes();
          for (int i = 0; i < parameters.length; i++) {
            services[i] = parameters[i].isPrimitive() ? defaultOf(parameters[i]) : null;
          }
          return type.cast(constructor.newInstance(services));
        } catch (ReflectiveOperationException | RuntimeException refused) {
          // try the next constructor, then an instance without one
        }
      }
      return objenesis.newInstance(type);
    }

    private static Object defaultOf(Class<?> primitive) {
      return primitive == boolean.class ? Boolean.FALSE : primitive == char.class ? Character.valueOf('\0')
          : primitive == long.class ? Long.valueOf(0) : primitive == double.class ? Double.valueOf(0)
          : primitive == float.class ? Float.valueOf(0) : Integer.valueOf(0);
    }
  }
}
