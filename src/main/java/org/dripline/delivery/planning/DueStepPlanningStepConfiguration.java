package org.dripline.delivery.planning;

import java.time.Clock;
import java.time.Instant;
import org.dripline.campaign.Campaign;
import org.dripline.campaign.CampaignCatalog;
import org.dripline.delivery.FollowedStructures;
import org.dripline.delivery.SendSettings;
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
 * {@code dueStepPlanningStep}, the second step of {@code dripRunJob}: writes the deliveries due at
 * {@code asOf} into the ledger (see {@link DueStepPlanner}). It lives with the ledger because the
 * ledger's table has one writer, the delivery feature.
 */
@Configuration(proxyBeanMethods = false)
class DueStepPlanningStepConfiguration {

  @Bean
  Step dueStepPlanningStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
      DueStepPlanner dueStepPlanner) {
    return new StepBuilder("dueStepPlanningStep", jobRepository)
        .tasklet(dueStepPlanner, transactionManager)
        .build();
  }

  @Bean
  @StepScope
  DueStepPlanner dueStepPlanner(NamedParameterJdbcTemplate jdbc, PlatformTransactionManager transactionManager,
      CampaignCatalog catalog, FollowedStructures followed, SendSettings settings, Clock clock,
      @Value("#{jobParameters['campaign']}") String campaignId, @Value("#{jobParameters['asOf']}") String asOf) {
    Campaign campaign = catalog.load(campaignId);
    return new DueStepPlanner(jdbc, new ConcurrentWrites(transactionManager), campaign, followed.of(campaign),
        Instant.parse(asOf), clock.instant(), settings.planningRange());
  }
}
