package org.dripline.subscriber;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dripline.infra.InvalidInputException;
import org.dripline.infra.UtcTime;
import org.dripline.subscriber.importing.CsvRecords;
import org.dripline.subscriber.importing.InvalidImportException;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The global suppression list: addresses never sent to, whatever a campaign says. Checked at
 * enrollment, planning and claim time. Fed by unsubscribes, bounces, complaints and CSV imports.
 */
@Repository
public class SuppressionList {

  // Idempotent: the first reason recorded for an address is kept (it says why mail stopped).
  private static final String ADD = """
      insert into suppressions (email, reason, source, created_at)
      select :email, :reason, :source, :now from (select 1 as one) single_row
      where not exists (select 1 from suppressions where email = :email)
      """;
  // One lookup for previews and support questions.
  private static final String FIND = "select reason from suppressions where email = :email";

  private final NamedParameterJdbcTemplate jdbc;
  private final Clock clock;

  public SuppressionList(NamedParameterJdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** True when the address was newly suppressed; the reason as people type it (see {@link SuppressionReason#parse}). */
  public boolean add(String email, String reason, String source) {
    return insert(validAddress(email), SuppressionReason.parse(reason), source, clock.instant());
  }

  /** True when the address was newly suppressed. */
  public boolean add(String email, SuppressionReason reason, String source) {
    return add(email, reason, source, clock.instant());
  }

  boolean add(String email, SuppressionReason reason, String source, Instant now) {
    return insert(validAddress(email), reason, source, now);
  }

  private static String validAddress(String email) {
    String normalized = Emails.normalize(email);
    if (!Emails.valid(normalized)) {
      throw new InvalidInputException("'" + email + "' is not a valid email address");
    }
    return normalized;
  }

  private boolean insert(String email, SuppressionReason reason, String source, Instant now) {
    return jdbc.update(ADD, Map.of("email", email, "reason", reason.name(), "source", source,
        "now", UtcTime.toDb(now))) == 1;
  }

  public java.util.Optional<String> reason(String email) {
    return jdbc.queryForList(FIND, Map.of("email", Emails.normalize(email)), String.class).stream().findFirst();
  }

  public record ImportResult(long added, long already, List<String> rejections) {
  }

  /** A CSV with an {@code email} column and an optional {@code reason}; streamed, bad rows named. */
  public ImportResult importFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new InvalidImportException(file + ": no such file");
    }
    long added = 0;
    long already = 0;
    List<String> rejections = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      CsvRecords records = new CsvRecords(reader);
      CsvRecords.CsvRecord header = records.next();
      List<String> columns = header == null ? List.of()
          : header.fields().stream().map(c -> c.replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT)).toList();
      int email = columns.indexOf("email");
      int reason = columns.indexOf("reason");
      if (email < 0) {
        throw new InvalidImportException(file + ":1: the header has no 'email' column");
      }
      CsvRecords.CsvRecord record;
      while ((record = records.next()) != null) {
        try {
          if (record.error() != null || record.fields().size() != columns.size()) {
            throw new InvalidInputException(record.error() != null ? record.error()
                : "expected " + columns.size() + " columns, found " + record.fields().size());
          }
          String why = reason < 0 || record.fields().get(reason).isBlank() ? SuppressionReason.MANUAL.name()
              : record.fields().get(reason).strip();
          if (add(record.fields().get(email), why, "import:" + file.getFileName())) {
            added++;
          } else {
            already++;
          }
        } catch (InvalidInputException e) {
          rejections.add(file + ":" + record.line() + ": " + e.getMessage());
        }
      }
    } catch (IOException e) {
      throw new InvalidImportException(file + ": cannot read: " + e.getMessage());
    }
    return new ImportResult(added, already, rejections);
  }
}
