package org.dripline.run;

import java.time.Instant;
import java.time.LocalDateTime;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

/**
 * One run (an execution of {@code dripRunJob}) as ops see it in {@code jobs}, the API and the
 * console. Counts come from the execution's steps, so a run's own numbers, not the campaign's.
 */
public record RunView(long id, String job, String campaign, Instant asOf, String status, Instant started,
    Instant ended, long enrolled, long planned, long sent, long failed, long deferred, long skipped, long ambiguous,
    String exitDescription) {

  static final String[] OUTCOMES = {"sent", "failed", "deferred", "skipped", "ambiguous"};

  static RunView of(JobExecution execution) {
    long enrolled = 0;
    long planned = 0;
    long[] outcomes = new long[OUTCOMES.length];
    // The live execution of a run in this JVM gains steps while we read: iterate over a copy.
    for (StepExecution step : java.util.List.copyOf(execution.getStepExecutions())) {
      String name = step.getStepName();
      if (name.equals("audienceEnrollmentStep")) {
        enrolled += step.getWriteCount();
      } else if (name.equals("dueStepPlanningStep")) {
        planned += step.getWriteCount();
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
        outcomes[4], exit == null || exit.isBlank() ? null : firstLine(exit));
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
