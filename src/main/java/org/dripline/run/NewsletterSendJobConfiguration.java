package org.dripline.run;

import java.time.Clock;
import org.dripline.campaign.CampaignCatalog;
import org.dripline.newsletter.NewsletterSending;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.DefaultJobParametersValidator;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code newsletterSendJob(campaign, asOf)}: snapshot the audience ({@code
 * newsletterSnapshotStep}, newsletter module: once), plan its ledger rows ({@code
 * newsletterPlanStep}: the test variants, later the A/B winner for the rest), then the drip runs'
 * own {@code deliverySendStep}. Same parameters, identity, heartbeats, stop and restart as a drip
 * run ({@link RunControl}); a restart skips the finished steps and the ledger decides what is left.
 * A run that completes marks the issue SENT once nothing is left to plan or send.
 */
@Configuration(proxyBeanMethods = false)
class NewsletterSendJobConfiguration {

  @Bean
  Job newsletterSendJob(JobRepository jobRepository, @Qualifier("newsletterSnapshotStep") Step newsletterSnapshotStep,
      @Qualifier("newsletterPlanStep") Step newsletterPlanStep, @Qualifier("deliverySendStep") Step deliverySendStep,
      NewsletterSending sending, CampaignCatalog catalog, Clock clock) {
    return new JobBuilder(RunControl.NEWSLETTER_JOB, jobRepository)
        .validator(new DefaultJobParametersValidator(new String[] {DripRunJobConfiguration.CAMPAIGN,
            DripRunJobConfiguration.AS_OF}, new String[] {"rerun"}))
        .listener(new JobExecutionListener() {
          @Override
          public void afterJob(JobExecution execution) {
            if (execution.getStatus() == BatchStatus.COMPLETED) {
              sending.finishIfDone(catalog.load(execution.getJobParameters().getString("campaign")), clock.instant());
            }
          }
        })
        .start(newsletterSnapshotStep)
        .next(newsletterPlanStep)
        .next(deliverySendStep)
        .build();
  }
}
