package org.dripline.ops;

import java.time.Instant;
import java.util.List;
import org.dripline.campaign.Campaign;
import org.dripline.campaign.CampaignCatalog;
import org.dripline.campaign.CampaignVersions;
import org.dripline.delivery.DeliveryLedger;
import org.dripline.render.TemplateEngine;
import org.dripline.render.TemplateProblemsException;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;

/**
 * One drip run = enrollmentJob then dripRunJob with the same identifying parameters (campaign,
 * asOf). Starting the same parameters again restarts a failed run, and finds a completed one
 * complete: the ledger makes both safe.
 */
@Service
public class DripRuns {

  private final CampaignCatalog catalog;
  private final CampaignVersions versions;
  private final TemplateEngine templates;
  private final DeliveryLedger ledger;
  private final JobOperator jobOperator;
  private final JobRepository jobRepository;
  private final org.dripline.delivery.GracefulStop stop;
  private final Job enrollmentJob;
  private final Job dripRunJob;

  public DripRuns(CampaignCatalog catalog, CampaignVersions versions, TemplateEngine templates,
      DeliveryLedger ledger, JobOperator jobOperator, JobRepository jobRepository,
      org.dripline.delivery.GracefulStop stop, @Qualifier("enrollmentJob") Job enrollmentJob,
      @Qualifier("dripRunJob") Job dripRunJob) {
    this.catalog = catalog;
    this.versions = versions;
    this.templates = templates;
    this.ledger = ledger;
    this.jobOperator = jobOperator;
    this.jobRepository = jobRepository;
    this.stop = stop;
    this.enrollmentJob = enrollmentJob;
    this.dripRunJob = dripRunJob;
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
    stop.runStarted();
    try {
      return runOnce(campaignId, asOf, options);
    } finally {
      stop.runFinished();
    }
  }

  private RunSummary runOnce(String campaignId, Instant asOf, RunOptions options) {
    Campaign campaign = catalog.load(campaignId);
    List<org.dripline.campaign.Problem> problems = templates.check(campaign);
    if (!problems.isEmpty()) {
      throw new TemplateProblemsException(problems);
    }
    versions.record(campaign);
    if (options.resendAmbiguous()) {
      ledger.replanAmbiguous(campaign.id());
    }
    JobExecution enrollment = launch(enrollmentJob, campaign.id(), asOf, options.recover());
    long enrolled = writeCount(enrollment, "audienceEnrollmentStep");
    if (enrollment.getStatus() != BatchStatus.COMPLETED) {
      return summary(campaign.id(), asOf, enrollment, enrolled);
    }
    JobExecution drip = launch(dripRunJob, campaign.id(), asOf, options.recover());
    return summary(campaign.id(), asOf, drip, enrolled);
  }

  /**
   * Restarts the run for (campaign, asOf) if it failed; if it completed, starts a new instance
   * ("rerun" = 1, 2, ...) since new subscribers may have arrived and the ledger makes a rerun safe.
   */
  private JobExecution launch(Job job, String campaignId, Instant asOf, boolean recover) {
    JobParameters parameters = parameters(campaignId, asOf, 0);
    for (int rerun = 1; ; rerun++) {
      JobExecution last = jobRepository.getLastJobExecution(job.getName(), parameters);
      if (last != null && last.isRunning() && recover) {
        // Batch 6: a crashed execution stays STARTED; recover() marks it failed so it can restart.
        jobOperator.recover(last);
        break;
      }
      if (last == null || last.getStatus() != BatchStatus.COMPLETED) {
        break;
      }
      parameters = parameters(campaignId, asOf, rerun);
    }
    try {
      return startRetryingLockConflicts(job, parameters);
    } catch (JobInstanceAlreadyCompleteException e) {
      throw new RunRefusedException("another process completed " + job.getName() + " for " + parameters
          + " just now; run again", e);
    } catch (JobExecutionAlreadyRunningException e) {
      throw new RunRefusedException(job.getName() + " for " + campaignId + " at " + asOf + " is already running"
          + " in another process; if that process died, run again with --recover", e);
    } catch (Exception e) {
      throw new RunRefusedException("cannot start " + job.getName() + ": " + e.getMessage(), e);
    }
  }

  /** Another instance creating its job at the same instant can make the database pick a victim. */
  private JobExecution startRetryingLockConflicts(Job job, JobParameters parameters) throws Exception {
    for (int attempt = 1; ; attempt++) {
      try {
        return jobOperator.start(job, parameters);
      } catch (org.springframework.dao.ConcurrencyFailureException e) {
        if (attempt >= 5) {
          throw e;
        }
        Thread.sleep(50L * attempt);
      }
    }
  }

  private static JobParameters parameters(String campaignId, Instant asOf, int rerun) {
    JobParametersBuilder builder = new JobParametersBuilder()
        .addString("campaign", campaignId)
        .addString("asOf", asOf.toString());
    if (rerun > 0) {
      builder.addLong("rerun", (long) rerun);
    }
    return builder.toJobParameters();
  }

  private RunSummary summary(String campaignId, Instant asOf, JobExecution execution, long enrolled) {
    List<Long> ambiguous = ledger.ambiguous(campaignId);
    long planned = writeCount(execution, "dueStepPlanningStep");
    long[] counts = new long[5];
    for (StepExecution step : execution.getStepExecutions()) {
      if (step.getStepName().startsWith("deliverySendPartitionStep")) {
        var context = step.getExecutionContext();
        String[] keys = {"sent", "failed", "deferred", "skipped", "ambiguous"};
        for (int i = 0; i < keys.length; i++) {
          counts[i] += context.containsKey(keys[i]) ? context.getLong(keys[i]) : 0;
        }
      }
    }
    String failure = execution.getStatus() == BatchStatus.COMPLETED ? null : failure(execution);
    return new RunSummary(campaignId, asOf, execution.getStatus().name(), enrolled, planned, counts[0], counts[1],
        counts[2], counts[3], ambiguous.size(), ambiguous, failure);
  }

  private static long writeCount(JobExecution execution, String stepName) {
    return execution.getStepExecutions().stream().filter(s -> s.getStepName().equals(stepName))
        .mapToLong(StepExecution::getWriteCount).sum();
  }

  /** The most telling reason: a partition's own failure (e.g. the SMTP server), not the wrapper's. */
  private static String failure(JobExecution execution) {
    List<Throwable> failures = new java.util.ArrayList<>();
    execution.getStepExecutions().forEach(step -> failures.addAll(step.getFailureExceptions()));
    failures.addAll(execution.getFailureExceptions());
    for (Throwable failure : failures) {
      for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
        if (cause instanceof org.dripline.delivery.SmtpUnavailableException) {
          return cause.getMessage();
        }
      }
    }
    return failures.isEmpty() ? execution.getExitStatus().getExitDescription() : failures.get(0).getMessage();
  }

}
