package org.dripline.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dripline.bounce.BounceCounts;
import org.dripline.bounce.BounceFileCheck;
import org.dripline.bounce.BounceSettings;
import org.dripline.infra.InvalidInputException;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Qualifier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "bounces", mixinStandardHelpOptions = true,
    description = {"Read the bounce mailbox once (dripline.bounce.imap.*): suppress hard bounces, count soft ones,",
        "record complaints and mailto: unsubscribes. Running it again is safe: nothing is counted twice.",
        "With --file, classify saved messages instead (an .eml, a directory of them, an mbox or a Maildir):",
        "one line per message (kind, reason, recipient, status code, matched delivery, file) and a summary;",
        "nothing is written and no mailbox is needed."})
class BouncesCommand implements Callable<Integer> {

  private final JobOperator jobOperator;
  private final Job bounceJob;
  private final BounceSettings settings;
  private final BounceFileCheck fileCheck;

  @Option(names = "--file", paramLabel = "PATH",
      description = "an .eml, a directory of them, an mbox or a Maildir to classify offline (writes nothing)")
  Path file;

  @Spec
  CommandLine.Model.CommandSpec spec;

  BouncesCommand(JobOperator jobOperator, @Qualifier("bounceJob") Job bounceJob,
      BounceSettings settings, BounceFileCheck fileCheck) {
    this.jobOperator = jobOperator;
    this.bounceJob = bounceJob;
    this.settings = settings;
    this.fileCheck = fileCheck;
  }

  @Override
  public Integer call() {
    if (file != null) {
      return checkFile();
    }
    if (!settings.mailboxConfigured()) {
      throw new InvalidInputException("dripline.bounce.imap.host is not set: configure the bounce mailbox"
          + " (dripline.bounce.imap.host, port, user, password, folder)");
    }
    JobExecution execution = jobOperator.startNextInstance(bounceJob);
    BounceCounts counts = BounceCounts.of(execution);
    spec.commandLine().getOut().println("status=" + execution.getStatus() + " " + counts);
    if (execution.getStatus() != BatchStatus.COMPLETED) {
      String reason = execution.getStepExecutions().stream().flatMap(s -> s.getFailureExceptions().stream())
          .map(Throwable::getMessage).filter(m -> m != null).findFirst().orElse("bounceJob ended " + execution.getStatus());
      spec.commandLine().getErr().println("error: " + reason);
      return CliRunner.FAILED;
    }
    return CliRunner.OK;
  }

  /** Same parser and matching as bounceJob, but read-only: lines as they are read, then the summary. */
  private Integer checkFile() {
    PrintWriter out = spec.commandLine().getOut();
    BounceFileCheck.Summary summary = new BounceFileCheck.Summary();
    fileCheck.check(file, checked -> {
      summary.add(checked);
      out.println(String.join("  ", checked.kind(), dash(checked.reason()), dash(checked.recipient()),
          dash(checked.statusCode()), checked.deliveryId() == null ? "-" : "delivery=" + checked.deliveryId(),
          checked.source()));
    });
    out.println(summary);
    out.flush();
    return CliRunner.OK;
  }

  private static String dash(String value) {
    return value == null || value.isBlank() ? "-" : value.replaceAll("\\s+", " ");
  }
}
