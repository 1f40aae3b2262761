package org.dripline.delivery.send;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.dripline.campaign.CampaignCatalog;
import org.dripline.delivery.DeliveryLedger;
import org.dripline.delivery.GracefulStop;
import org.dripline.delivery.SendSettings;
import org.dripline.delivery.Messenger;
import org.dripline.delivery.mime.MessageComposer;
import org.dripline.infra.UtcTime;
import org.dripline.render.CompiledCampaign;
import org.dripline.render.TemplateEngine;
import org.dripline.subscriber.SubscriberDirectory;
import org.dripline.subscriber.SuppressionReason;
import org.dripline.subscriber.SuppressionList;
import org.dripline.tracking.MessageTracking;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.item.database.Order;
import org.springframework.batch.infrastructure.item.database.builder.JdbcPagingItemReaderBuilder;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * {@code deliverySendStep}, the last step of {@code dripRunJob}: sends the due deliveries from
 * partitions of subscriber ids, a thread and an SMTP connection each.
 */
@Configuration(proxyBeanMethods = false)
class DeliverySendStepConfiguration {

  @Bean
  Step deliverySendStep(JobRepository jobRepository, Step deliverySendPartitionStep,
      DeliveryPartitioner deliveryPartitioner, SendSettings settings) {
    SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("dripline-send-");
    executor.setConcurrencyLimit(settings.threads());
    return new StepBuilder("deliverySendStep", jobRepository)
        .partitioner("deliverySendPartitionStep", deliveryPartitioner)
        .step(deliverySendPartitionStep)
        .gridSize(settings.threads())
        .taskExecutor(executor)
        .build();
  }

  @Bean
  @StepScope
  DeliveryPartitioner deliveryPartitioner(NamedParameterJdbcTemplate jdbc,
      @Value("#{jobParameters['campaign']}") String campaignId, @Value("#{jobParameters['asOf']}") String asOf) {
    return new DeliveryPartitioner(jdbc, campaignId, Instant.parse(asOf));
  }

  /**
   * No surrounding transaction on purpose: each ledger update commits by itself, so the claim is
   * durable before SMTP starts and the SENT mark right after the reply (invariant 2, docs/architecture.md).
   */
  @Bean
  Step deliverySendPartitionStep(JobRepository jobRepository, JdbcPagingItemReader<DueDelivery> dueDeliveryReader,
      DeliverySendWriter deliverySendWriter, SendSettings settings, DeliveryMetrics deliveryMetrics) {
    return new StepBuilder("deliverySendPartitionStep", jobRepository)
        .<DueDelivery, DueDelivery>chunk(settings.chunkSize())
        .transactionManager(new ResourcelessTransactionManager())
        .reader(dueDeliveryReader)
        .writer(deliverySendWriter)
        .listener(deliveryMetrics)
        .build();
  }

  /** What the send reader reads: the row's key columns come along for the keyset of the next page. */
  static final String READER_SELECT = "id, step_id, subscriber_id, attempts, campaign_id, status";
  /** The due rows of one partition (a subscriber id range). */
  static final String READER_WHERE = org.dripline.delivery.DueDeliveries.WHERE
      + " and subscriber_id between :fromId and :toId";

  /**
   * Keyset paging over PLANNED rows of a partition: rows already sent drop out of the query, so no
   * reader state needs saving and a restart simply re-reads what is still planned. The keys are the
   * columns of ix_deliveries_sendable (campaign_id, status, subscriber_id), then id, which every
   * secondary index carries: each page reads its rows in index order and stops. Ordered by id alone,
   * each page read and sorted every PLANNED row left in the partition (H2: 15,001 rows scanned for
   * one page of a 30k run), so a run's reads grew with the square of its size and the send rate
   * climbed as the backlog shrank (docs/benchmarks.md, "A short ramp"). campaign_id and status are
   * fixed by the where clause; H2 follows the index order only when the ORDER BY starts with them.
   */
  static Map<String, Order> readerSortKeys() {
    Map<String, Order> sortKeys = new LinkedHashMap<>();
    sortKeys.put("campaign_id", Order.ASCENDING);
    sortKeys.put("status", Order.ASCENDING);
    sortKeys.put("subscriber_id", Order.ASCENDING);
    sortKeys.put("id", Order.ASCENDING);
    return sortKeys;
  }

  @Bean
  @StepScope
  JdbcPagingItemReader<DueDelivery> dueDeliveryReader(DataSource dataSource, SendSettings settings,
      @Value("#{jobParameters['campaign']}") String campaignId, @Value("#{jobParameters['asOf']}") String asOf,
      @Value("#{stepExecutionContext['fromSubscriberId']}") Long fromId,
      @Value("#{stepExecutionContext['toSubscriberId']}") Long toId) throws Exception {
    return new JdbcPagingItemReaderBuilder<DueDelivery>()
        .name("dueDeliveryReader")
        .dataSource(dataSource)
        .selectClause(READER_SELECT)
        .fromClause("deliveries")
        .whereClause(READER_WHERE)
        .parameterValues(Map.of("campaignId", campaignId, "asOf", UtcTime.toDb(Instant.parse(asOf)),
            "fromId", fromId, "toId", toId))
        .sortKeys(readerSortKeys())
        .pageSize(settings.chunkSize())
        .rowMapper((rs, row) -> new DueDelivery(rs.getLong("id"), rs.getString("step_id"),
            rs.getLong("subscriber_id"), rs.getInt("attempts")))
        .saveState(false)
        .build();
  }

  /**
   * The writer and its parts, one set per partition (a thread and a connection each): plain
   * objects, so the per-message path goes through no step-scope proxy.
   */
  @Bean
  @StepScope
  DeliverySendWriter deliverySendWriter(CampaignCatalog catalog, TemplateEngine templates,
      SubscriberDirectory subscribers, DeliveryLedger deliveryLedger, SuppressionList suppressions, Messenger messenger,
      SendRateLimits rateLimits, GracefulStop stop, SendSettings settings, MessageTracking tracking,
      MessageComposer composer, Clock clock,
      @Value("#{jobParameters['campaign']}") String campaignId, @Value("#{jobParameters['asOf']}") String asOf) {
    CompiledCampaign campaign = templates.compile(catalog.load(campaignId));
    Instant at = Instant.parse(asOf);
    SendCounts counts = new SendCounts();
    SendLedger ledger = new RunLedger(deliveryLedger, clock, at);
    SmtpFailurePolicy policy = new SmtpFailurePolicy(settings);
    PartitionConnection connection = new PartitionConnection(messenger, policy, settings.messagesPerConnection(),
        PartitionConnection.Pause.SLEEP);
    BatchSender sender = new BatchSender(ledger, connection, policy, rateLimits, stop,
        (email, reply) -> suppressions.add(email, SuppressionReason.HARD_BOUNCE, "smtp: " + reply), counts, clock, at);
    return new DeliverySendWriter(subscribers, new SendWindow(campaign.campaign().schedule(), at),
        new MessageBuilder(campaign, templates, tracking, composer), sender, ledger, counts, clock,
        settings.claimBatch());
  }
}
