package org.dripline.bounce;

import java.time.Clock;
import org.dripline.lists.IssueUnsubscribes;
import org.dripline.subscriber.SubscriberUpdates;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.RunIdIncrementer;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code bounceJob}: read the bounce mailbox over IMAP, parse each message, record it and stop
 * mail to the addresses it condemns. Every run is a new instance (run.id): the mailbox and the
 * event table, not a saved reader position, say what is left, so a failed run is simply run again.
 */
@Configuration(proxyBeanMethods = false)
class BounceJobConfiguration {

  @Bean
  Job bounceJob(JobRepository jobRepository, Step bounceMailboxStep) {
    return new JobBuilder("bounceJob", jobRepository)
        .incrementer(new RunIdIncrementer())
        .start(bounceMailboxStep)
        .build();
  }

  /**
   * No chunk transaction: the recorder commits each message by itself before moving it out of
   * the inbox, and an IMAP move cannot be rolled back anyway.
   */
  @Bean
  Step bounceMailboxStep(JobRepository jobRepository, ImapMailboxReader bounceMailboxReader,
      BounceRecorder bounceRecorder) {
    return new StepBuilder(BounceCounts.STEP, jobRepository)
        .<MailboxMessage, BounceReport>chunk(20)
        .transactionManager(new ResourcelessTransactionManager())
        .reader(bounceMailboxReader)
        .processor(new BounceParser())
        .writer(bounceRecorder)
        .build();
  }

  @Bean
  @StepScope
  ImapMailboxReader bounceMailboxReader(BounceSettings settings) {
    return new ImapMailboxReader(settings);
  }

  @Bean
  @StepScope
  BounceRecorder bounceRecorder(NamedParameterJdbcTemplate jdbc, DeliveryMatcher deliveryMatcher,
      SubscriberUpdates subscribers, IssueUnsubscribes issueUnsubscribes, PlatformTransactionManager transactionManager,
      ImapMailboxReader bounceMailboxReader, BounceSettings settings, Clock clock) {
    return new BounceRecorder(jdbc, deliveryMatcher, subscribers, issueUnsubscribes, transactionManager,
        bounceMailboxReader, settings.softBounceLimit(), settings.softBounceWindow(), clock);
  }
}
