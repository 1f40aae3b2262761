package org.dripline.run;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.dripline.campaign.Campaign;
import org.dripline.campaign.CampaignCatalog;
import org.dripline.change.LiveChanges;
import org.dripline.delivery.DeliveryLedger;
import org.dripline.delivery.GracefulStop;
import org.dripline.infra.ConflictException;
import org.dripline.infra.NotFoundException;
import org.dripline.render.TemplateEngine;
import org.dripline.render.TemplateProblemsException;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.configuration.support.MapJobRegistry;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobRestartException;
import org.springframework.batch.core.launch.support.TaskExecutorJobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.stereotype.Service;

/**
 * Starts, lists, stops and restarts runs. A run is one execution of {@code dripRunJob}
 * (enroll, plan, send) for (campaign, asOf); it runs on its own thread, so the CLI can show
 * progress and the API can answer at once. Job-instance identity keeps one execution per
 * (campaign, asOf) across processes; the ledger makes every restart and rerun safe.
 */
@Service
public class RunControl {

  static final String JOB = "dripRunJob";

  private final CampaignCatalog catalog;
  private final LiveChanges changes;
  private final TemplateEngine templates;
  private final DeliveryLedger ledger;
  private final org.dripline.lifecycle.CampaignLifecycle lifecycle;
  private final JobRepository jobRepository;
  private final Job dripRunJob;
  private final TaskExecutorJobOperator operator;
  private final org.dripline.delivery.SendPreflight preflight;
  // Hands the completion future of the run being launched to the task decorator on the same thread.
  private final ThreadLocal<CompletableFuture<Void>> launching = new ThreadLocal<>();

  public RunControl(CampaignCatalog catalog, LiveChanges changes, TemplateEngine templates,
      DeliveryLedger ledger, org.dripline.lifecycle.CampaignLifecycle lifecycle, JobRepository jobRepository,
      GracefulStop stop, @Qualifier("dripRunJob") Job dripRunJob, org.dripline.delivery.SendPreflight preflight)
      throws Exception {
    this.preflight = preflight;
    this.catalog = catalog;
    this.changes = changes;
    this.templates = templates;
    this.ledger = ledger;
    this.lifecycle = lifecycle;
    this.jobRepository = jobRepository;
    this.dripRunJob = dripRunJob;
    SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("dripline-run-");
    executor.setTaskDecorator(task -> {
      CompletableFuture<Void> finished = launching.get();
      // Counted before start() returns, so a stop that comes at once still waits for this run.
      stop.runStarted();
      return () -> {
        try {
          task.run();
        } finally {
          stop.runFinished();
          if (finished != null) {
            finished.complete(null);
          }
        }
      };
    });
    this.operator = new TaskExecutorJobOperator();
    operator.setJobRepository(jobRepository);
    // The operator looks jobs up by name only for restart(id); we restart by parameters, but it insists.
    MapJobRegistry registry = new MapJobRegistry();
    registry.register(dripRunJob);
    operator.setJobRegistry(registry);
    operator.setTaskExecutor(executor);
    operator.afterPropertiesSet();
  }

  /** A run on its way: the live execution and a future that completes when its thread is done. */
  record Launched(JobExecution execution, CompletableFuture<Void> finished) {
  }

  /** Starts a run for (campaign, asOf) and returns at once; see {@link #launch}. */
  public RunView start(String campaignId, Instant asOf) {
    return start(campaignId, asOf, RunOptions.NONE);
  }

  /** As {@link #start(String, Instant)}, with the operator's decisions (an accepted change). */
  public RunView start(String campaignId, Instant asOf, RunOptions options) {
    return RunView.of(launch(campaignId, asOf, options, true).execution());
  }

  /**
   * Validates the campaign and its templates before anything is written (throws
   * InvalidCampaignException, TemplateProblemsException, NotFoundException), then starts the run.
   *
   * @param rerunCompleted a completed (campaign, asOf) starts again as a new instance ("rerun" =
   *                       1, 2, ...) for people who arrived since; a schedule says false, since
   *                       its slot is done once
   */
  Launched launch(String campaignId, Instant asOf, RunOptions options, boolean rerunCompleted) {
    Campaign campaign = validated(campaignId, asOf, options);
    if (options.resendAmbiguous()) {
      ledger.replanAmbiguous(campaign.id());
    }
    JobParameters parameters = parameters(campaign.id(), asOf, 0);
    for (int rerun = 1; ; rerun++) {
      JobExecution last = jobRepository.getLastJobExecution(JOB, parameters);
      if (last != null && last.isRunning() && options.recover()) {
        // Batch 6: a crashed execution stays STARTED; recover() marks it failed so it can restart.
        operator.recover(last);
        break;
      }
      if (last == null || last.getStatus() != BatchStatus.COMPLETED || !rerunCompleted) {
        break;
      }
      parameters = parameters(campaign.id(), asOf, rerun);
    }
    return launch(parameters);
  }

  /**
   * The campaign file, checked and put in force ({@link LiveChanges#adopt}): a change with hazards
   * nobody declared or accepted is refused here, before anything is written.
   */
  private Campaign validated(String campaignId, Instant asOf, RunOptions options) {
    preflight.check(); // keys and base URL fit for a real SMTP host (run, restart, schedule)
    lifecycle.refuseArchived(campaignId);
    Campaign campaign = catalog.load(campaignId);
    List<org.dripline.campaign.Problem> problems = templates.check(campaign);
    if (!problems.isEmpty()) {
      throw new TemplateProblemsException(problems);
    }
    changes.adopt(campaign, asOf, options.acceptChange(), options.acceptedBy());
    return campaign;
  }

  private Launched launch(JobParameters parameters) {
    CompletableFuture<Void> finished = new CompletableFuture<>();
    launching.set(finished);
    try {
      return new Launched(startRetryingLockConflicts(parameters), finished);
    } catch (JobInstanceAlreadyCompleteException e) {
      throw new RunRefusedException("the run " + describe(parameters) + " is already complete", e);
    } catch (JobExecutionAlreadyRunningException e) {
      throw new RunRefusedException("the run " + describe(parameters) + " is already running (in this or another"
          + " process); if that process died, run again with --recover", e);
    } catch (JobRestartException | org.springframework.dao.DataIntegrityViolationException | IllegalStateException e) {
      // Batch's own state checks: a last execution left UNKNOWN (an operator's call), or another
      // process creating this (campaign, asOf) right now (the instance's unique key fails, or the
      // instance exists but its execution does not yet).
      throw new RunRefusedException("cannot start the run " + describe(parameters) + ": " + e.getMessage(), e);
    } catch (Exception e) {
      // The repository is unreachable or the job misconfigured: a failure, not a refusal.
      throw new IllegalStateException("cannot start the run " + describe(parameters) + ": " + e.getMessage(), e);
    } finally {
      launching.remove();
    }
  }

  /** Another instance creating its job at the same instant can make the database pick a victim. */
  private JobExecution startRetryingLockConflicts(JobParameters parameters) throws Exception {
    for (int attempt = 1; ; attempt++) {
      try {
        return operator.start(dripRunJob, parameters);
      } catch (org.springframework.dao.ConcurrencyFailureException e) {
        if (attempt >= 5) {
          throw e;
        }
        Thread.sleep(50L * attempt);
      }
    }
  }

  /** The most recent runs, newest first, whatever process started them. */
  public List<RunView> recent(int limit) {
    List<JobExecution> executions = new ArrayList<>();
    for (JobInstance instance : jobRepository.getJobInstances(JOB, 0, Math.max(1, limit))) {
      executions.addAll(jobRepository.getJobExecutions(instance));
    }
    return executions.stream().sorted(Comparator.comparing(JobExecution::getId).reversed()).limit(limit)
        .map(RunView::of).toList();
  }

  public Optional<RunView> find(long executionId) {
    return execution(executionId).map(RunView::of);
  }

  /**
   * Asks a running run to stop: its partitions finish the chunk in hand (messages in flight are
   * sent and recorded), claim nothing more, and the run ends STOPPED, ready to restart. Works for
   * a run in another process too: the request goes through the job repository.
   */
  public RunView stop(long executionId) {
    JobExecution execution = required(executionId);
    if (!execution.isRunning()) {
      throw new ConflictException("run " + executionId + " is not running (" + execution.getStatus() + ")");
    }
    // Not JobOperator.stop(): in Batch 6 it also stops the steps of a run in this JVM at once, which
    // can cut a message off mid-send and leave it ambiguous. STOPPING in the repository is what a
    // stop from another process amounts to anyway: every step reads it after its current chunk.
    execution.setStatus(BatchStatus.STOPPING);
    jobRepository.update(execution);
    return RunView.of(required(executionId));
  }

  /** Restarts a failed or stopped run where it stopped; {@code recover}: one left STARTED by a dead process. */
  public RunView restart(long executionId, boolean recover) {
    return RunView.of(relaunch(executionId, recover).execution());
  }

  Launched relaunch(long executionId, boolean recover) {
    JobExecution execution = required(executionId);
    if (execution.getStatus() == BatchStatus.COMPLETED) {
      throw new ConflictException("run " + executionId + " completed: nothing to restart (start a new run instead)");
    }
    if (execution.isRunning()) {
      if (!recover) {
        throw new ConflictException("run " + executionId + " is " + execution.getStatus()
            + "; stop it first, or add --recover if the process running it died");
      }
      operator.recover(execution);
    }
    validated(execution.getJobParameters().getString("campaign"),
        Instant.parse(execution.getJobParameters().getString("asOf")), RunOptions.NONE);
    return launch(execution.getJobParameters());
  }

  private Optional<JobExecution> execution(long executionId) {
    JobExecution execution;
    try {
      execution = jobRepository.getJobExecution(executionId);
    } catch (org.springframework.dao.EmptyResultDataAccessException unknown) {
      // Batch 6's JDBC repository throws for an unknown id where the interface promises null.
      return Optional.empty();
    }
    if (execution == null || !JOB.equals(execution.getJobInstance().getJobName())) {
      return Optional.empty();
    }
    return Optional.of(execution);
  }

  private JobExecution required(long executionId) {
    return execution(executionId).orElseThrow(() -> new NotFoundException("no run with id " + executionId));
  }

  static JobParameters parameters(String campaignId, Instant asOf, int rerun) {
    JobParametersBuilder builder = new JobParametersBuilder()
        .addString("campaign", campaignId)
        .addString("asOf", asOf.toString());
    if (rerun > 0) {
      builder.addLong("rerun", (long) rerun);
    }
    return builder.toJobParameters();
  }

  private static String describe(JobParameters parameters) {
    Long rerun = parameters.getLong("rerun");
    return parameters.getString("campaign") + " at " + parameters.getString("asOf") + (rerun == null ? "" : " (rerun " + rerun + ")");
  }
}
