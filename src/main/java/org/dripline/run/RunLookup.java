package org.dripline.run;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.dripline.infra.NotFoundException;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.stereotype.Component;

/**
 * The read side of runs: executions of {@code dripRunJob} and {@code newsletterSendJob} as the job
 * repository has them, with their owners and heartbeats, whatever process ran them. Apart from
 * {@link RunControl}, which starts, stops and restarts them, so each stays short.
 */
@Component
class RunLookup {

  private final JobRepository jobRepository;
  private final RunHeartbeats heartbeats;

  RunLookup(JobRepository jobRepository, RunHeartbeats heartbeats) {
    this.jobRepository = jobRepository;
    this.heartbeats = heartbeats;
  }

  /** The most recent runs, newest first, whatever process started them. */
  List<RunView> recent(int limit) {
    List<JobExecution> executions = new ArrayList<>();
    for (String job : List.of(RunControl.JOB, RunControl.NEWSLETTER_JOB)) {
      for (JobInstance instance : jobRepository.getJobInstances(job, 0, Math.max(1, limit))) {
        executions.addAll(jobRepository.getJobExecutions(instance));
      }
    }
    List<JobExecution> newest = executions.stream().sorted(Comparator.comparing(JobExecution::getId).reversed())
        .limit(limit).toList();
    var owners = heartbeats.find(newest.stream().map(JobExecution::getId).toList());
    return newest.stream().map(e -> RunView.of(e).with(owners.get(e.getId()))).toList();
  }

  /** The run as ops see it, with its owner and heartbeat. */
  RunView view(JobExecution execution) {
    return RunView.of(execution).with(heartbeats.find(List.of(execution.getId())).get(execution.getId()));
  }

  /** A run's execution by id; empty when there is none, or it is not a run (another job's). */
  Optional<JobExecution> execution(long executionId) {
    JobExecution execution;
    try {
      execution = jobRepository.getJobExecution(executionId);
    } catch (EmptyResultDataAccessException unknown) {
      // Batch 6's JDBC repository throws for an unknown id where the interface promises null.
      return Optional.empty();
    }
    if (execution == null || !(RunControl.JOB.equals(execution.getJobInstance().getJobName())
        || RunControl.NEWSLETTER_JOB.equals(execution.getJobInstance().getJobName()))) {
      return Optional.empty();
    }
    return Optional.of(execution);
  }

  JobExecution required(long executionId) {
    return execution(executionId).orElseThrow(() -> new NotFoundException("no run with id " + executionId));
  }

  /**
   * The newest execution of a newsletter issue's runs, at any asOf (its heartbeat row names the
   * issue; execution ids only grow): what {@code newsletter send} without {@code --as-of} continues.
   */
  Optional<JobExecution> latestNewsletterRun(String issueId) {
    return heartbeats.latest(issueId).flatMap(this::execution)
        .filter(e -> RunControl.NEWSLETTER_JOB.equals(e.getJobInstance().getJobName()));
  }

  /** ", owned by …" for a running run of these parameters, or nothing when it cannot be told. */
  String owner(String job, JobParameters parameters) {
    try {
      JobExecution last = jobRepository.getLastJobExecution(job, parameters);
      return last == null || !last.isRunning() ? "" : " (run " + last.getId() + ", " + heartbeats.judge(last).describe() + ")";
    } catch (RuntimeException e) {
      return "";
    }
  }

  /** "campaign at asOf (rerun n)", as messages name a run. */
  static String describe(JobParameters parameters) {
    Long rerun = parameters.getLong("rerun");
    return parameters.getString("campaign") + " at " + parameters.getString("asOf") + (rerun == null ? "" : " (rerun " + rerun + ")");
  }
}
