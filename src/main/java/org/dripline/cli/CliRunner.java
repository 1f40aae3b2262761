package org.dripline.cli;

import java.io.PrintWriter;
import org.dripline.campaign.InvalidCampaignException;
import org.dripline.infra.ConflictException;
import org.dripline.infra.InvalidInputException;
import org.dripline.infra.NotFoundException;
import org.dripline.render.TemplateProblemsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;
import picocli.CommandLine;

/**
 * Runs the command line given to the jar. Exit codes: 0 success; 1 the run failed, or Dripline
 * itself did (a bug, the database, a DKIM key); 2 bad usage, invalid input, an unknown id, or a
 * run in the wrong state; 3 a campaign edit with hazards ({@code diff}, or a run that refused it). Errors are one clear line (or one line per problem), never a stack trace.
 */
@Component
@ConditionalOnProperty(name = "dripline.mode", havingValue = "cli")
class CliRunner implements ApplicationRunner, ExitCodeGenerator {

  static final int OK = 0;
  static final int FAILED = 1;
  static final int INVALID = 2;
  /** A campaign edit with hazards: {@code diff} found some, or a run refused them. */
  static final int HAZARDS = 3;

  private static final Logger log = LoggerFactory.getLogger(CliRunner.class);

  private final ApplicationContext context;
  private int exitCode;

  CliRunner(ApplicationContext context) {
    this.context = context;
  }

  @Override
  public void run(ApplicationArguments arguments) {
    // --key.name=value arguments are Spring's configuration, not part of the command.
    exitCode = commandLine(context).execute(CommandArguments.of(arguments.getSourceArgs()).commandArray());
  }

  static CommandLine commandLine(ApplicationContext context) {
    return commandLine(new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> type) throws Exception {
        return type.getPackageName().startsWith("org.dripline")
            ? context.getAutowireCapableBeanFactory().createBean(type)
            : CommandLine.defaultFactory().create(type);
      }
    });
  }

  static CommandLine commandLine(CommandLine.IFactory factory) {
    CommandLine line = new CommandLine(DriplineCommand.class, factory);
    line.registerConverter(java.time.Instant.class, value -> {
      try {
        return java.time.Instant.parse(value);
      } catch (java.time.format.DateTimeParseException e) {
        throw new CommandLine.TypeConversionException("'" + value + "' is not an ISO-8601 instant like 2026-12-01T08:00:00Z");
      }
    });
    line.setExecutionExceptionHandler((e, cmd, parsed) -> failed(e, cmd.getErr()));
    line.setExitCodeExceptionMapper(e -> INVALID);
    return line;
  }

  /**
   * The one mapping from what a command threw to what the user reads on stderr and the exit code.
   * Anything that is not a refusal the user can fix is Dripline's own failure: its first line only
   * (the stack trace goes to the log at debug level, off unless asked for).
   */
  static int failed(Exception e, PrintWriter err) {
    if (e instanceof InvalidCampaignException invalid) {
      invalid.problems().stream().sorted().forEach(err::println);
      return INVALID;
    }
    if (e instanceof TemplateProblemsException invalid) {
      invalid.problems().stream().sorted().forEach(err::println);
      return INVALID;
    }
    if (e instanceof org.dripline.change.HazardousChangeException hazards) {
      err.println("error: " + hazards.getMessage());
      return HAZARDS;
    }
    if (e instanceof InvalidInputException || e instanceof NotFoundException || e instanceof ConflictException) {
      err.println("error: " + e.getMessage());
      return INVALID;
    }
    log.debug("command failed", e);
    String message = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName()
        : e.getMessage().strip().lines().findFirst().orElseThrow();
    err.println("error: " + message);
    return FAILED;
  }

  @Override
  public int getExitCode() {
    return exitCode;
  }

  @CommandLine.Command(name = "dripline", mixinStandardHelpOptions = true, version = "Dripline 0.1",
      description = "Email drip campaigns: import subscribers, validate campaigns, run the drip.",
      subcommands = {ImportCommand.class, RunCommand.class, ValidateCommand.class, PreviewCommand.class,
          PlanCommand.class, TimelineCommand.class, ReportCommand.class, JobsCommand.class, StopCommand.class,
          RestartCommand.class, ExportCommand.class, SegmentCommand.class, SuppressCommand.class,
          BouncesCommand.class, CampaignCommand.class, ServeCommand.class, DiffCommand.class, VersionsCommand.class,
          DkimRecordCommand.class, DraftSeriesCommand.class,
          ListsCommand.class, NewsletterCommand.class,
          CommandLine.HelpCommand.class})
  static class DriplineCommand {
  }
}
