package org.dripline.run;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.DefaultJobParametersValidator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code dripRunJob(campaign, asOf)}: enroll the audience ({@code audienceEnrollmentStep}, this
 * feature's {@code enrollment} package), take out those who met the {@code exit_when} goal
 * ({@code exitGoalStep}, enrollment too), plan the steps due at {@code asOf} into the ledger
 * ({@code dueStepPlanningStep}, owned by delivery, which owns the ledger), then send them from
 * partitions of subscriber ids, a thread and an SMTP connection each ({@code deliverySendStep}).
 * Restarting a failed run with the same parameters skips the finished steps and re-runs only the
 * partitions that failed; their readers re-query PLANNED rows, so the ledger, not a saved reader
 * position, decides what is left to send.
 */
@Configuration(proxyBeanMethods = false)
class DripRunJobConfiguration {

  static final String CAMPAIGN = "campaign";
  static final String AS_OF = "asOf";

  /** One run is one execution: ops list, stop and restart it as a whole. */
  @Bean
  Job dripRunJob(JobRepository jobRepository, @Qualifier("audienceEnrollmentStep") Step audienceEnrollmentStep,
      @Qualifier("exitGoalStep") Step exitGoalStep, @Qualifier("dueStepPlanningStep") Step dueStepPlanningStep,
      @Qualifier("deliverySendStep") Step deliverySendStep) {
    return new JobBuilder("dripRunJob", jobRepository)
        .validator(new DefaultJobParametersValidator(new String[] {CAMPAIGN, AS_OF}, new String[] {"rerun"}))
        .start(audienceEnrollmentStep)
        .next(exitGoalStep)
        .next(dueStepPlanningStep)
        .next(deliverySendStep)
        .build();
  }
}
