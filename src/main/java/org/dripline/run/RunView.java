package org.dripline.run;

import java.time.Instant;
import java.time.LocalDateTime;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

/**
 * One run (an execution of {@code dripRunJob}) as ops see it in {@code jobs}, the API and the
 * console. Counts come from the execution's steps, so a run's own numbers, not the campaign's.
 * {@code skipped} is one rule with the report's: the ledger rows this run recorded SKIPPED, whether at
 * planning (a step's {@code when} does not match) or at send time (the subscriber left).
 * {@code owner}, {@code heartbeat} and {@code recoveredFrom} come from the run's heartbeat row: the
 * process that ran it, its last sign of life, and the run it took over from a dead process (null:
 * none recorded, e.g. a run from before heartbeats).
 */
public record RunView(long id, String job, String campaign, Instant asOf, String status, Instant started,
    Instant ended, long enrolled, long planned, long sent, long failed, long deferred, long skipped, long ambiguous,
    String exitDescription, RunOwner owner, Instant heartbeat, Long recoveredFrom) {

  static final String[] OUTCOMES = {"sent", "failed", "deferred", "skipped", "ambiguous"};
  private static final int SKIPPED = 3;

  static RunView of(JobExecution execution) {
    long enrolled = 0;
    long planned = 0;
    long[] outcomes = new long[OUTCOMES.length];
    // The live execution of a run in this JVM gains steps while we read: iterate over a copy.
    for (StepExecution step : java.util.List.copyOf(execution.getStepExecutions())) {
      String name = step.getStepName();
      if (name.equals("audienceEnrollmentStep") || name.equals("newsletterSnapshotStep")) {
        // A newsletter's snapshot is its enrollment: the people this run added to the audience.
        enrolled += step.getWriteCount();
      } else if (name.equals("dueStepPlanningStep") || name.equals("newsletterPlanStep")) {
        planned += step.getWriteCount();
        // Rows judged at planning and recorded SKIPPED (a `when` that does not match).
        outcomes[SKIPPED] += step.getFilterCount();
      } else if (name.startsWith("deliverySendPartitionStep")) {
        var context = step.getExecutionContext();
        for (int i = 0; i < OUTCOMES.length; i++) {
          outcomes[i] += context.containsKey(OUTCOMES[i]) ? context.getLong(OUTCOMES[i]) : 0;
        }
      }
    }
    var parameters = execution.getJobParameters();
    String asOf = parameters.getString("asOf");
    String exit = execution.getExitStatus() == null ? "" : execution.getExitStatus().getExitDescription();
    return new RunView(execution.getId(), execution.getJobInstance().getJobName(), parameters.getString("campaign"),
        asOf == null ? null : Instant.parse(asOf), execution.getStatus().name(), instant(execution.getStartTime()),
        instant(execution.getEndTime()), enrolled, planned, outcomes[0], outcomes[1], outcomes[2], outcomes[3],
        outcomes[4], exit == null || exit.isBlank() ? null : firstLine(exit), null, null, null);
  }

  /** This view with its heartbeat row's owner, last beat and predecessor. */
  RunView with(RunHeartbeats.Heartbeat heartbeat) {
    return heartbeat == null ? this : new RunView(id, job, campaign, asOf, status, started, ended, enrolled, planned,
        sent, failed, deferred, skipped, ambiguous, exitDescription, heartbeat.owner(), heartbeat.beat(),
        heartbeat.recoveredFrom());
  }

  public boolean running() {
    return status.equals("STARTING") || status.equals("STARTED") || status.equals("STOPPING");
  }

  /** Spring Batch records local date-times of the JVM's zone. */
  private static Instant instant(LocalDateTime time) {
    return time == null ? null : time.atZone(java.time.ZoneId.systemDefault()).toInstant();
  }

  private static String firstLine(String text) {
    int end = text.indexOf('\n');
    String line = end < 0 ? text : text.substring(0, end);
    return line.length() > 300 ? line.substring(0, 300) + "…" : line;
  }
}
