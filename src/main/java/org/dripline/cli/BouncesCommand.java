package org.dripline.cli;

import java.util.concurrent.Callable;
import org.dripline.bounce.BounceCounts;
import org.dripline.bounce.BounceSettings;
import org.dripline.infra.InvalidInputException;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Qualifier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

@Command(name = "bounces", mixinStandardHelpOptions = true,
    description = {"Read the bounce mailbox once (dripline.bounce.imap.*): suppress hard bounces, count soft ones,",
        "record complaints and mailto: unsubscribes. Running it again is safe: nothing is counted twice."})
class BouncesCommand implements Callable<Integer> {

  private final JobOperator jobOperator;
  private final Job bounceJob;
  private final BounceSettings settings;

  @Spec
  CommandLine.Model.CommandSpec spec;

  BouncesCommand(JobOperator jobOperator, @Qualifier("bounceJob") Job bounceJob,
      BounceSettings settings) {
    this.jobOperator = jobOperator;
    this.bounceJob = bounceJob;
    this.settings = settings;
  }

  @Override
  public Integer call() {
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
}
