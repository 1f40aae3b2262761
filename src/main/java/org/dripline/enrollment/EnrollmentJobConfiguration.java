package org.dripline.enrollment;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.dripline.campaign.Campaign;
import org.dripline.campaign.CampaignCatalog;
import org.dripline.segment.AudienceSql;
import org.dripline.support.UtcTime;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.DefaultJobParametersValidator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.item.database.Order;
import org.springframework.batch.infrastructure.item.database.builder.JdbcPagingItemReaderBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code enrollmentJob(campaign, asOf)}: enrolls every ACTIVE subscriber matching the campaign's
 * audience who is not enrolled yet, at {@code asOf}. The reader pages by id (keyset), so memory
 * is one page whatever the audience size; the writer is idempotent, so a restart or a second
 * run enrolls nobody twice.
 */
@Configuration(proxyBeanMethods = false)
class EnrollmentJobConfiguration {

  static final int PAGE_SIZE = 1000;

  // Enrollment remembers the campaign version it started on; NOT EXISTS makes re-enrolling a no-op.
  private static final String ENROLL = """
      insert into enrollments (campaign_id, subscriber_id, version_hash, enrolled_at, state)
      select :campaignId, :subscriberId, :versionHash, :enrolledAt, 'ACTIVE' from (select 1 as one) single_row
      where not exists (select 1 from enrollments where campaign_id = :campaignId and subscriber_id = :subscriberId)
      """;

  @Bean
  Job enrollmentJob(JobRepository jobRepository, Step audienceEnrollmentStep) {
    return new JobBuilder("enrollmentJob", jobRepository)
        .validator(new DefaultJobParametersValidator(new String[] {"campaign", "asOf"}, new String[] {"rerun"}))
        .start(audienceEnrollmentStep)
        .build();
  }

  @Bean
  Step audienceEnrollmentStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
      JdbcPagingItemReader<Long> audienceReader, ItemWriter<Long> enrollmentWriter) {
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
      @Value("#{jobParameters['campaign']}") String campaignId) throws Exception {
    Campaign campaign = catalog.load(campaignId);
    AudienceSql.Condition audience = AudienceSql.compile(campaign.audience());
    Map<String, Object> parameters = new HashMap<>(audience.parameters());
    parameters.put("campaignId", campaign.id());
    // Subscribers already enrolled drop out here, so a re-run reads only newcomers.
    return new JdbcPagingItemReaderBuilder<Long>()
        .name("audienceReader")
        .dataSource(dataSource)
        .selectClause("id")
        .fromClause("subscribers s")
        .whereClause("s.status = 'ACTIVE' and (" + audience.sql() + ")"
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
  ItemWriter<Long> enrollmentWriter(NamedParameterJdbcTemplate jdbc, CampaignCatalog catalog,
      @Value("#{jobParameters['campaign']}") String campaignId, @Value("#{jobParameters['asOf']}") String asOf) {
    Campaign campaign = catalog.load(campaignId);
    Object enrolledAt = UtcTime.toDb(Instant.parse(asOf));
    return chunk -> {
      List<? extends Long> ids = chunk.getItems();
      SqlParameterSource[] batch = ids.stream().map(id -> new MapSqlParameterSource()
              .addValue("campaignId", campaign.id()).addValue("subscriberId", id)
              .addValue("versionHash", campaign.versionHash()).addValue("enrolledAt", enrolledAt))
          .toArray(SqlParameterSource[]::new);
      jdbc.batchUpdate(ENROLL, batch);
    };
  }
}
