package org.dripline.enrollment;

import java.time.Instant;
import org.dripline.campaign.CampaignCatalog;
import org.dripline.infra.ConcurrentWrites;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code audienceEnrollmentStep}, the first step of {@code dripRunJob(campaign, asOf)}: enrolls
 * every ACTIVE subscriber matching the campaign's
 * audience who is not enrolled yet, at {@code asOf}, set-based and one id range at a time (see
 * {@link AudienceEnroller}), so memory is the same whatever the audience size and a restart or a
 * second run enrolls nobody twice. Then {@code exitGoalStep}: those who met the campaign's
 * {@code exit_when} goal leave the series ({@link GoalExits}), before planning gives them anything more.
 */
@Configuration(proxyBeanMethods = false)
class EnrollmentStepConfiguration {

  @Bean
  Step audienceEnrollmentStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
      AudienceEnroller audienceEnroller) {
    return new StepBuilder("audienceEnrollmentStep", jobRepository)
        .tasklet(audienceEnroller, transactionManager)
        .build();
  }

  @Bean
  @StepScope
  AudienceEnroller audienceEnroller(NamedParameterJdbcTemplate jdbc, PlatformTransactionManager transactionManager,
      CampaignCatalog catalog, @Value("#{jobParameters['campaign']}") String campaignId,
      @Value("#{jobParameters['asOf']}") String asOf, EnrollmentSettings settings) {
    return new AudienceEnroller(jdbc, new ConcurrentWrites(transactionManager), catalog.load(campaignId),
        Instant.parse(asOf), settings.range());
  }

  @Bean
  Step exitGoalStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, GoalExits goalExits) {
    return new StepBuilder("exitGoalStep", jobRepository)
        .tasklet(goalExits, transactionManager)
        .build();
  }

  @Bean
  @StepScope
  GoalExits goalExits(NamedParameterJdbcTemplate jdbc, PlatformTransactionManager transactionManager,
      CampaignCatalog catalog, @Value("#{jobParameters['campaign']}") String campaignId,
      @Value("#{jobParameters['asOf']}") String asOf, EnrollmentSettings settings) {
    return new GoalExits(jdbc, new ConcurrentWrites(transactionManager), catalog.load(campaignId),
        Instant.parse(asOf), settings.range());
  }
}
