package org.dripline.subscriber.importing;

import java.sql.Types;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dripline.infra.UtcTime;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/** Writes one batch of import rows in one transaction, with batched statements. */
@Repository
class SubscriberWriter {

  record Counts(long inserted, long updated) {
  }

  // Which addresses of this batch exist already: decides insert or update per row.
  private static final String EXISTING = "select id, email from subscribers where email in (:emails)";
  // New subscribers come in ACTIVE with the source of their consent on record.
  private static final String INSERT = """
      insert into subscribers (email, first_name, status, timezone, created_at, updated_at, confirmed_at,
                               consent_source, tracking_opt_out)
      values (:email, :firstName, 'ACTIVE', :timezone, :now, :now, :now, :source, false)
      """;
  // Re-import updates what the file says and keeps the rest; it never re-activates an unsubscribe.
  private static final String UPDATE = """
      update subscribers set first_name = coalesce(:firstName, first_name),
                             timezone = coalesce(:timezone, timezone), updated_at = :now
      where id = :id
      """;
  // Portable upsert of one attribute: delete then insert inside the batch transaction.
  private static final String DELETE_ATTRIBUTE = "delete from subscriber_attributes where subscriber_id = :id and name = :name";
  private static final String INSERT_ATTRIBUTE = """
      insert into subscriber_attributes (subscriber_id, name, attr_value, num_value, date_value)
      values (:id, :name, :value, :number, :date)
      """;
  // A subscriber created in this very transaction has no tags or attributes yet, so theirs go in
  // as plain INSERT ... VALUES, which Connector/J's rewriteBatchedStatements sends as one
  // multi-row statement; the NOT EXISTS form below runs row by row and made a 1M import take hours.
  private static final String INSERT_NEW_TAG = "insert into subscriber_tags (subscriber_id, tag) values (:id, :tag)";
  // Tags only ever add up on import; NOT EXISTS keeps re-imports from failing on the primary key.
  private static final String INSERT_TAG = """
      insert into subscriber_tags (subscriber_id, tag)
      select :id, :tag from (select 1 as one) single_row
      where not exists (select 1 from subscriber_tags where subscriber_id = :id and tag = :tag)
      """;

  private final NamedParameterJdbcTemplate jdbc;
  private final TransactionTemplate transaction;
  private final Clock clock;
  private final org.springframework.beans.factory.ObjectProvider<ListColumn> lists;

  SubscriberWriter(NamedParameterJdbcTemplate jdbc, TransactionTemplate transaction, Clock clock,
      org.springframework.beans.factory.ObjectProvider<ListColumn> lists) {
    this.jdbc = jdbc;
    this.transaction = transaction;
    this.clock = clock;
    this.lists = lists;
  }

  Counts upsert(Collection<SubscriberRow> rows, String source) {
    return transaction.execute(status -> write(rows, source));
  }

  private Counts write(Collection<SubscriberRow> rows, String source) {
    LocalDateTime now = UtcTime.toDb(clock.instant());
    List<String> emails = rows.stream().map(SubscriberRow::email).toList();
    Map<String, Long> ids = ids(emails);
    List<SqlParameterSource> inserts = new ArrayList<>();
    List<SqlParameterSource> updates = new ArrayList<>();
    for (SubscriberRow row : rows) {
      MapSqlParameterSource params = new MapSqlParameterSource()
          .addValue("email", row.email())
          .addValue("firstName", row.firstName(), Types.VARCHAR)
          .addValue("timezone", row.timezone(), Types.VARCHAR)
          .addValue("now", now)
          .addValue("source", source);
      Long id = ids.get(row.email());
      if (id == null) {
        inserts.add(params);
      } else {
        updates.add(params.addValue("id", id));
      }
    }
    if (!inserts.isEmpty()) {
      jdbc.batchUpdate(INSERT, inserts.toArray(SqlParameterSource[]::new));
      ids = ids(emails);
    }
    if (!updates.isEmpty()) {
      jdbc.batchUpdate(UPDATE, updates.toArray(SqlParameterSource[]::new));
    }
    Set<String> created = new HashSet<>();
    inserts.forEach(params -> created.add((String) params.getValue("email")));
    List<SqlParameterSource> newAttributes = new ArrayList<>();
    List<SqlParameterSource> newTags = new ArrayList<>();
    List<SqlParameterSource> attributes = new ArrayList<>();
    List<SqlParameterSource> tags = new ArrayList<>();
    for (SubscriberRow row : rows) {
      long id = ids.get(row.email());
      boolean isNew = created.contains(row.email());
      row.attributes().forEach((name, value) -> (isNew ? newAttributes : attributes).add(new MapSqlParameterSource()
          .addValue("id", id).addValue("name", name).addValue("value", value)
          .addValue("number", AttributeValues.number(value), Types.DECIMAL)
          .addValue("date", AttributeValues.date(value), Types.DATE)));
      row.tags().forEach(tag -> (isNew ? newTags : tags).add(new MapSqlParameterSource().addValue("id", id)
          .addValue("tag", tag)));
    }
    if (!newAttributes.isEmpty()) {
      jdbc.batchUpdate(INSERT_ATTRIBUTE, newAttributes.toArray(SqlParameterSource[]::new));
    }
    if (!newTags.isEmpty()) {
      jdbc.batchUpdate(INSERT_NEW_TAG, newTags.toArray(SqlParameterSource[]::new));
    }
    if (!attributes.isEmpty()) {
      SqlParameterSource[] batch = attributes.toArray(SqlParameterSource[]::new);
      jdbc.batchUpdate(DELETE_ATTRIBUTE, batch);
      jdbc.batchUpdate(INSERT_ATTRIBUTE, batch);
    }
    if (!tags.isEmpty()) {
      jdbc.batchUpdate(INSERT_TAG, tags.toArray(SqlParameterSource[]::new));
    }
    // List memberships of the batch, in the same transaction: a batch is written whole or not at all.
    Map<Long, Set<String>> memberships = new HashMap<>();
    for (SubscriberRow row : rows) {
      if (!row.lists().isEmpty()) {
        memberships.put(ids.get(row.email()), row.lists());
      }
    }
    ListColumn listColumn = lists.getIfAvailable();
    if (!memberships.isEmpty() && listColumn != null) {
      listColumn.joinImported(memberships, source);
    }
    return new Counts(inserts.size(), updates.size());
  }

  private Map<String, Long> ids(List<String> emails) {
    Map<String, Long> ids = new HashMap<>();
    jdbc.query(EXISTING, Map.of("emails", emails), rs -> {
      ids.put(rs.getString("email"), rs.getLong("id"));
    });
    return ids;
  }
}
