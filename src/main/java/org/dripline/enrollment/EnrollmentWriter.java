package org.dripline.enrollment;

import java.time.Instant;
import org.dripline.campaign.Campaign;
import org.dripline.support.ConcurrentWrites;
import org.dripline.support.UtcTime;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;

/** Enrolls one page of subscriber ids with one batched statement. */
class EnrollmentWriter implements ItemWriter<Long> {

  // Enrollment remembers the campaign version it started on; NOT EXISTS makes re-enrolling a no-op.
  private static final String ENROLL = """
      insert into enrollments (campaign_id, subscriber_id, version_hash, enrolled_at, state)
      select :campaignId, :subscriberId, :versionHash, :enrolledAt, 'ACTIVE' from (select 1 as one) single_row
      where not exists (select 1 from enrollments where campaign_id = :campaignId and subscriber_id = :subscriberId)
      """;

  private final NamedParameterJdbcTemplate jdbc;
  private final ConcurrentWrites writes;
  private final Campaign campaign;
  private final Object enrolledAt;

  EnrollmentWriter(NamedParameterJdbcTemplate jdbc, ConcurrentWrites writes, Campaign campaign, Instant enrolledAt) {
    this.jdbc = jdbc;
    this.writes = writes;
    this.campaign = campaign;
    this.enrolledAt = UtcTime.toDb(enrolledAt);
  }

  @Override
  public void write(Chunk<? extends Long> chunk) {
    SqlParameterSource[] batch = chunk.getItems().stream().map(id -> new MapSqlParameterSource()
            .addValue("campaignId", campaign.id()).addValue("subscriberId", id)
            .addValue("versionHash", campaign.versionHash()).addValue("enrolledAt", enrolledAt))
        .toArray(SqlParameterSource[]::new);
    // Its own transaction, retried: another instance enrolling the same people at the same moment
    // makes this batch collide, and the idempotent insert then simply finds them enrolled.
    writes.run(() -> jdbc.batchUpdate(ENROLL, batch));
  }
}
