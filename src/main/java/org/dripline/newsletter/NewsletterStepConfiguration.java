package org.dripline.newsletter;

import java.time.Instant;
import org.dripline.campaign.CampaignCatalog;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The first two steps of {@code newsletterSendJob(campaign, asOf)} (run module): {@code
 * newsletterSnapshotStep} copies the audience into {@code newsletter_recipients} (once; the rows and
 * the issue's snapshot mark commit in the step's one transaction, so a crash leaves either both or
 * neither), then {@code newsletterPlanStep} plans the ledger rows from it (and, after an A/B window,
 * the winner for the rest). Both are no-ops when run again, so a restarted or repeated run only
 * sends what is still PLANNED.
 */
@Configuration(proxyBeanMethods = false)
class NewsletterStepConfiguration {

  @Bean
  Step newsletterSnapshotStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
      @Qualifier("newsletterSnapshotTasklet") Tasklet newsletterSnapshotTasklet) {
    return new StepBuilder("newsletterSnapshotStep", jobRepository)
        .tasklet(newsletterSnapshotTasklet, transactionManager)
        .allowStartIfComplete(true) // a rerun for late joiners snapshots again (a no-op otherwise)
        .build();
  }

  @Bean
  @StepScope
  Tasklet newsletterSnapshotTasklet(NewsletterSending sending, CampaignCatalog catalog,
      @Value("#{jobParameters['campaign']}") String issueId, @Value("#{jobParameters['asOf']}") String asOf) {
    return (contribution, context) -> {
      contribution.incrementWriteCount(sending.snapshot(catalog.load(issueId), Instant.parse(asOf)));
      return RepeatStatus.FINISHED;
    };
  }

  @Bean
  Step newsletterPlanStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
      @Qualifier("newsletterPlanTasklet") Tasklet newsletterPlanTasklet) {
    return new StepBuilder("newsletterPlanStep", jobRepository)
        .tasklet(newsletterPlanTasklet, transactionManager)
        .build();
  }

  @Bean
  @StepScope
  Tasklet newsletterPlanTasklet(NewsletterSending sending, CampaignCatalog catalog,
      @Value("#{jobParameters['campaign']}") String issueId, @Value("#{jobParameters['asOf']}") String asOf) {
    return (contribution, context) -> {
      contribution.incrementWriteCount(sending.plan(catalog.load(issueId), Instant.parse(asOf)));
      return RepeatStatus.FINISHED;
    };
  }
}
