package org.dripline.run;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.dripline.campaign.Campaign;
import org.dripline.delivery.DeliveryLedger;
import org.dripline.delivery.GracefulStop;
import org.dripline.delivery.SendSettings;
import org.dripline.infra.ConflictException;
import org.dripline.infra.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.configuration.support.MapJobRegistry;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
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
 * (campaign, asOf) across processes; the ledger makes every restart and rerun safe. What must hold
 * before a run starts is {@link RunChecks}'; reading runs back is {@link RunLookup}'s.
 */
@Service
public class RunControl {

  static final String JOB = "dripRunJob";
  /** A newsletter issue's run: snapshot, plan, send (NewsletterSendJobConfiguration). */
  static final String NEWSLETTER_JOB = "newsletterSendJob";
  private static final Logger log = LoggerFactory.getLogger(RunControl.class);

  private final RunChecks checks;
  private final RunLookup lookup;
  private final DeliveryLedger ledger;
  private final JobRepository jobRepository;
  private final Job dripRunJob;
  private final Job newsletterSendJob;
  private final TaskExecutorJobOperator operator;
  private final RunHeartbeats heartbeats;
  // dripline.send.resend-ambiguous-after: null, ambiguous rows wait for an operator's --resend-ambiguous.
  private final java.time.Duration resendAmbiguousAfter;
  // Hands the completion future of the run being launched to the task decorator on the same thread.
  private final ThreadLocal<CompletableFuture<Void>> launching = new ThreadLocal<>();
  // The runs this process is running now (execution id -> done), for a shutdown to stop them.
  private final Map<Long, CompletableFuture<Void>> runningHere = new ConcurrentHashMap<>();
  // Set once the process shuts down: no run starts any more (StopRunsOnShutdown).
  private volatile boolean closing;

  RunControl(RunChecks checks, RunLookup lookup, DeliveryLedger ledger, JobRepository jobRepository,
      GracefulStop stop, @Qualifier("dripRunJob") Job dripRunJob, RunHeartbeats heartbeats, SendSettings sendSettings,
      @Qualifier("newsletterSendJob") Job newsletterSendJob) throws Exception {
    this.checks = checks;
    this.lookup = lookup;
    this.newsletterSendJob = newsletterSendJob;
    this.heartbeats = heartbeats;
    this.resendAmbiguousAfter = sendSettings.resendAmbiguousAfter();
    this.ledger = ledger;
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
    registry.register(newsletterSendJob);
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
    return view(launch(campaignId, asOf, options, true).execution());
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
    return launch(campaignId, asOf, options, rerunCompleted, null);
  }

  /** @param tookOver a run of another slot the caller recovered before this one (recorded as its predecessor) */
  Launched launch(String campaignId, Instant asOf, RunOptions options, boolean rerunCompleted, Long tookOver) {
    Campaign campaign = checks.validated(campaignId, asOf, options);
    return launch(dripRunJob, campaign, asOf, options, rerunCompleted, tookOver);
  }

  /**
   * Starts {@code newsletterSendJob(issue, asOf)} after the same checks as a drip run (keys, base
   * URL, templates) and with the same identity, takeover and restart rules: the issue's snapshot
   * and plan are no-ops when repeated, and the ledger makes every resend safe.
   */
  Launched launchNewsletter(String issueId, Instant asOf, RunOptions options, boolean rerunCompleted, Long tookOver) {
    return launch(newsletterSendJob, checks.validatedIssue(issueId), asOf, options, rerunCompleted, tookOver);
  }

  private Launched launch(Job job, Campaign campaign, Instant asOf, RunOptions options, boolean rerunCompleted,
      Long tookOver) {
    JobParameters parameters = parameters(campaign.id(), asOf, 0);
    Long recoveredFrom = tookOver;
    for (int rerun = 1; ; rerun++) {
      JobExecution last = jobRepository.getLastJobExecution(job.getName(), parameters);
      if (last != null && last.isRunning()) {
        // Refused here, naming the owner, unless its owner is dead (or the operator says so).
        recoveredFrom = takeOver(last, options.recover()).getId();
        break;
      }
      if (last == null || last.getStatus() != BatchStatus.COMPLETED || !rerunCompleted) {
        break;
      }
      parameters = parameters(campaign.id(), asOf, rerun);
    }
    resendAmbiguous(campaign.id(), options);
    return launch(job, parameters, recoveredFrom);
  }

  /**
   * Ambiguous rows go back to PLANNED only by a decision: the operator's {@code --resend-ambiguous}
   * (all of them), or the policy {@code dripline.send.resend-ambiguous-after} (those claimed longer ago
   * than it). Asked after the run was allowed to start, so a refused run changes nothing.
   */
  private void resendAmbiguous(String campaignId, RunOptions options) {
    if (options.resendAmbiguous()) {
      int replanned = ledger.replanAmbiguous(campaignId);
      log.info("Run of {}: {} ambiguous deliveries re-sent by operator decision (--resend-ambiguous)", campaignId,
          replanned);
    } else if (resendAmbiguousAfter != null) {
      java.time.Instant cutoff = java.time.Instant.now().minus(resendAmbiguousAfter);
      int replanned = ledger.replanAmbiguousClaimedBefore(campaignId, cutoff);
      if (replanned > 0) {
        log.info("Run of {}: {} ambiguous deliveries claimed before {} re-sent by policy"
            + " (dripline.send.resend-ambiguous-after={})", campaignId, replanned, cutoff, resendAmbiguousAfter);
      }
    }
  }

  /**
   * A running execution in the way: taken over (marked failed so it can restart, and logged) when
   * its owner's heartbeat is older than the lease, or when {@code explicit} (the operator's
   * {@code --recover}); otherwise refused with who owns it. Never one running in this process.
   */
  JobExecution takeOver(JobExecution running, boolean explicit) {
    RunLease.Verdict verdict = heartbeats.judge(running);
    String run = "run " + running.getId() + " (" + RunLookup.describe(running.getJobParameters()) + ")";
    if (verdict.state() == RunLease.State.RUNNING_HERE) {
      throw new RunRefusedException(run + " is already running in this process", null);
    }
    if (!verdict.stale() && !explicit) {
      throw new RunRefusedException(run + " is already running: " + verdict.describe() + "; it is taken over"
          + " once its heartbeat is older than dripline.run.lease=" + heartbeats.lease()
          + " (or now with --recover, if you know that process is dead)", null);
    }
    // Batch 6: a crashed execution stays STARTED; recover() marks it failed so it can restart.
    operator.recover(running);
    log.warn("Recovered {}: {}; {}", run, verdict.describe(), verdict.stale()
        ? "older than the lease " + heartbeats.lease() : "on the operator's --recover");
    return running;
  }

  /** Any running execution whose owner is dead is recovered (the scheduler's tick); false when it is alive. */
  boolean recoverIfStale(JobExecution running) {
    try {
      takeOver(running, false);
      return true;
    } catch (RunRefusedException alive) {
      return false;
    }
  }

  private Launched launch(Job job, JobParameters parameters, Long recoveredFrom) {
    if (closing) {
      throw new RunRefusedException("cannot start the run " + RunLookup.describe(parameters) + ": this process is shutting down",
          null);
    }
    CompletableFuture<Void> finished = new CompletableFuture<>();
    launching.set(finished);
    try {
      JobExecution execution = startRetryingLockConflicts(job, parameters);
      heartbeats.track(execution, recoveredFrom, finished);
      runningHere.put(execution.getId(), finished);
      finished.whenComplete((done, failure) -> runningHere.remove(execution.getId()));
      if (closing) {
        // The shutdown began while this run was being created and may not have seen it: stop it here.
        stopQuietly(execution.getId());
      }
      return new Launched(execution, finished);
    } catch (JobInstanceAlreadyCompleteException e) {
      throw new RunRefusedException("the run " + RunLookup.describe(parameters) + " is already complete", e);
    } catch (JobExecutionAlreadyRunningException e) {
      // Another process started it between our look and our start: say who, as the look would have.
      throw new RunRefusedException("the run " + RunLookup.describe(parameters) + " is already running"
          + lookup.owner(job.getName(), parameters) + "; if that process died, it is taken over once its heartbeat is older than"
          + " dripline.run.lease=" + heartbeats.lease() + " (or now with --recover)", e);
    } catch (JobRestartException | org.springframework.dao.DataIntegrityViolationException | IllegalStateException e) {
      // Batch's own state checks: a last execution left UNKNOWN (an operator's call), or another
      // process creating this (campaign, asOf) right now (the instance's unique key fails, or the
      // instance exists but its execution does not yet).
      throw new RunRefusedException("cannot start the run " + RunLookup.describe(parameters) + ": " + e.getMessage(), e);
    } catch (Exception e) {
      // The repository is unreachable or the job misconfigured: a failure, not a refusal.
      throw new IllegalStateException("cannot start the run " + RunLookup.describe(parameters) + ": " + e.getMessage(), e);
    } finally {
      launching.remove();
    }
  }

  /** Another instance creating its job at the same instant can make the database pick a victim. */
  private JobExecution startRetryingLockConflicts(Job job, JobParameters parameters) throws Exception {
    for (int attempt = 1; ; attempt++) {
      try {
        return operator.start(job, parameters);
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
    return lookup.recent(limit);
  }

  public Optional<RunView> find(long executionId) {
    return lookup.execution(executionId).map(lookup::view);
  }

  RunView view(JobExecution execution) {
    return lookup.view(execution);
  }

  /**
   * Asks a running run to stop: its partitions finish the chunk in hand (messages in flight are
   * sent and recorded), claim nothing more, and the run ends STOPPED, ready to restart. Works for
   * a run in another process too: the request goes through the job repository.
   */
  public RunView stop(long executionId) {
    JobExecution execution = lookup.required(executionId);
    if (!execution.isRunning()) {
      throw new ConflictException("run " + executionId + " is not running (" + execution.getStatus() + ")");
    }
    // Not JobOperator.stop(): in Batch 6 it also stops the steps of a run in this JVM at once, which
    // can cut a message off mid-send and leave it ambiguous. STOPPING in the repository is what a
    // stop from another process amounts to anyway: every step reads it after its current chunk.
    execution.setStatus(BatchStatus.STOPPING);
    jobRepository.update(execution);
    return view(lookup.required(executionId));
  }

  /** The shutdown of this process began ({@link StopRunsOnShutdown}): no run starts here any more. */
  void refuseNewRuns() {
    closing = true;
  }

  /** The runs this process is running now: execution id, and the future that completes when each is done. */
  Map<Long, CompletableFuture<Void>> runningHere() {
    return Map.copyOf(runningHere);
  }

  /** {@link #stop} for a run that may have ended meanwhile (nothing to do then). */
  void stopQuietly(long executionId) {
    try {
      stop(executionId);
    } catch (ConflictException | NotFoundException ended) {
      log.debug("Run {} ended before its stop: {}", executionId, ended.getMessage());
    } catch (RuntimeException e) {
      // The repository is unreachable: the graceful stop still cuts the run off at its next message.
      log.warn("Run {}: cannot ask it to stop: {}", executionId, e.getMessage());
    }
  }

  /**
   * Restarts a failed or stopped run where it stopped. A run left STARTED whose owner's heartbeat is
   * older than the lease is taken over on its own; {@code recover}: take over one that still looks alive.
   */
  public RunView restart(long executionId, boolean recover) {
    return view(relaunch(executionId, recover).execution());
  }

  Launched relaunch(long executionId, boolean recover) {
    JobExecution execution = lookup.required(executionId);
    if (execution.getStatus() == BatchStatus.COMPLETED) {
      throw new ConflictException("run " + executionId + " completed: nothing to restart (start a new run instead)");
    }
    Long recoveredFrom = null;
    if (execution.isRunning()) {
      RunLease.Verdict verdict = heartbeats.judge(execution);
      if (!verdict.stale() && (!recover || verdict.state() == RunLease.State.RUNNING_HERE)) {
        throw new ConflictException("run " + executionId + " is " + execution.getStatus() + ": " + verdict.describe()
            + "; stop it first" + (verdict.state() == RunLease.State.RUNNING_HERE ? ""
            : ", or wait until its heartbeat is older than dripline.run.lease=" + heartbeats.lease()
                + " (or add --recover if you know that process died)"));
      }
      recoveredFrom = takeOver(execution, recover).getId();
    }
    if (NEWSLETTER_JOB.equals(execution.getJobInstance().getJobName())) {
      checks.validatedIssue(execution.getJobParameters().getString("campaign"));
      return launch(newsletterSendJob, execution.getJobParameters(), recoveredFrom);
    }
    checks.validated(execution.getJobParameters().getString("campaign"),
        Instant.parse(execution.getJobParameters().getString("asOf")), RunOptions.NONE);
    return launch(dripRunJob, execution.getJobParameters(), recoveredFrom);
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
}
