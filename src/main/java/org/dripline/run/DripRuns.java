package org.dripline.run;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.dripline.delivery.DeliveryLedger;
import org.dripline.delivery.SmtpUnavailableException;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.stereotype.Service;

/**
 * A run from start to end, for callers that wait for it (the CLI, the demo, tests): started
 * through {@link RunControl}, then watched until its thread is done. Starting the same
 * parameters again restarts a failed run, and reruns a completed one: the ledger makes both safe.
 */
@Service
public class DripRuns {

  private static final long PROGRESS_EVERY_MS = 500;

  private final RunControl control;
  private final DeliveryLedger ledger;

  public DripRuns(RunControl control, DeliveryLedger ledger) {
    this.control = control;
    this.ledger = ledger;
  }

  /** What is still due for a run: asked once per run, when sending starts, to size its progress bar. */
  private long remaining(RunView run) {
    return ledger.dueCount(run.campaign(), run.asOf());
  }

  /** Throws InvalidCampaignException or TemplateProblemsException before anything is written. */
  public RunSummary run(String campaignId, Instant asOf) {
    return run(campaignId, asOf, RunOptions.NONE);
  }

  /**
   * @param options {@code recover}: a run left STARTED by a process that died is marked failed and
   *                restarted (an operator's call: Dripline cannot tell a dead run from a live one);
   *                {@code resendAmbiguous}: deliveries left SENDING by a crash are sent again,
   *                accepting that some may arrive twice.
   */
  public RunSummary run(String campaignId, Instant asOf, RunOptions options) {
    return run(campaignId, asOf, options, view -> { });
  }

  /** As {@link #run(String, Instant, RunOptions)}, calling {@code progress} about twice a second. */
  public RunSummary run(String campaignId, Instant asOf, RunOptions options, Consumer<RunView> progress) {
    return await(control.launch(campaignId, asOf, options, true), progress);
  }

  /** Restarts a failed or stopped run by id and waits for it. */
  public RunSummary restart(long executionId, boolean recover, Consumer<RunView> progress) {
    return await(control.relaunch(executionId, recover), progress);
  }

  /** A progress display for this process's stderr: a bar on a terminal, periodic lines otherwise. */
  public RunProgress progress(java.io.PrintWriter err) {
    return new RunProgress(err, System.console() != null, this::remaining);
  }

  RunSummary await(RunControl.Launched launched, Consumer<RunView> progress) {
    JobExecution execution = launched.execution();
    while (!launched.finished().isDone()) {
      progress.accept(RunView.of(execution));
      try {
        launched.finished().get(PROGRESS_EVERY_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        // still running: report progress again
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (java.util.concurrent.ExecutionException e) {
        break;
      }
    }
    return summary(execution);
  }

  private RunSummary summary(JobExecution execution) {
    RunView view = RunView.of(execution);
    List<Long> ambiguous = ledger.ambiguous(view.campaign());
    String failure = execution.getStatus() == BatchStatus.COMPLETED ? null : failure(execution);
    return new RunSummary(view.campaign(), view.asOf(), view.status(), view.enrolled(), view.planned(), view.sent(),
        view.failed(), view.deferred(), view.skipped(), ambiguous.size(), ambiguous, failure);
  }

  /** The most telling reason: a partition's own failure (e.g. the SMTP server), not the wrapper's. */
  private static String failure(JobExecution execution) {
    if (execution.getStatus() == BatchStatus.STOPPED) {
      return "stopped (`dripline stop`, or this process was told to stop); run the same command again to continue";
    }
    List<Throwable> failures = new java.util.ArrayList<>();
    execution.getStepExecutions().forEach(step -> failures.addAll(step.getFailureExceptions()));
    failures.addAll(execution.getFailureExceptions());
    for (Throwable failure : failures) {
      for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
        if (cause instanceof SmtpUnavailableException) {
          return cause.getMessage();
        }
      }
    }
    return failures.isEmpty() ? execution.getExitStatus().getExitDescription() : failures.get(0).getMessage();
  }
}
