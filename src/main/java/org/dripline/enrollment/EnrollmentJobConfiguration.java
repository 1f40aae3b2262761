package org.dripline.enrollment;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.dripline.campaign.Campaign;
import org.dripline.campaign.CampaignCatalog;
import org.dripline.segment.AudienceSql;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.item.database.Order;
import org.springframework.batch.infrastructure.item.database.builder.JdbcPagingItemReaderBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code audienceEnrollmentStep}, the first step of {@code dripRunJob(campaign, asOf)}: enrolls every ACTIVE subscriber matching the campaign's
 * audience who is not enrolled yet, at {@code asOf}. The reader pages by id (keyset), so memory
 * is one page whatever the audience size; the writer is idempotent, so a restart or a second
 * run enrolls nobody twice.
 */
@Configuration(proxyBeanMethods = false)
class EnrollmentJobConfiguration {

  static final int PAGE_SIZE = 1000;


  @Bean
  Step audienceEnrollmentStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
      JdbcPagingItemReader<Long> audienceReader, EnrollmentWriter enrollmentWriter) {
    return new StepBuilder("audienceEnrollmentStep", jobRepository)
        .<Long, Long>chunk(PAGE_SIZE)
        .transactionManager(transactionManager)
        .reader(audienceReader)
        .writer(enrollmentWriter)
        .build();
  }

  @Bean
  @StepScope
  JdbcPagingItemReader<Long> audienceReader(DataSource dataSource, CampaignCatalog catalog,
      @Value("#{jobParameters['campaign']}") String campaignId, @Value("#{jobParameters['asOf']}") String asOf)
      throws Exception {
    Campaign campaign = catalog.load(campaignId);
    AudienceSql.Condition audience = AudienceSql.compile(campaign.audience(), "audience", Instant.parse(asOf));
    Map<String, Object> parameters = new HashMap<>(audience.parameters());
    parameters.put("campaignId", campaign.id());
    // Subscribers already enrolled drop out here, so a re-run reads only newcomers.
    return new JdbcPagingItemReaderBuilder<Long>()
        .name("audienceReader")
        .dataSource(dataSource)
        .selectClause("id")
        .fromClause("subscribers s")
        .whereClause("s.status = 'ACTIVE' and (" + audience.sql() + ")"
            + " and not exists (select 1 from suppressions x where x.email = s.email)"
            + " and not exists (select 1 from enrollments e where e.campaign_id = :campaignId and e.subscriber_id = s.id)")
        .parameterValues(parameters)
        .sortKeys(Map.of("id", Order.ASCENDING))
        .pageSize(PAGE_SIZE)
        .rowMapper((rs, row) -> rs.getLong(1))
        .saveState(false)
        .build();
  }

  @Bean
  @StepScope
  EnrollmentWriter enrollmentWriter(NamedParameterJdbcTemplate jdbc, PlatformTransactionManager transactionManager,
      CampaignCatalog catalog, @Value("#{jobParameters['campaign']}") String campaignId,
      @Value("#{jobParameters['asOf']}") String asOf) {
    return new EnrollmentWriter(jdbc, new org.dripline.support.ConcurrentWrites(transactionManager),
        catalog.load(campaignId), Instant.parse(asOf));
  }

}
