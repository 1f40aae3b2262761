package org.dripline.subscriber.importing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.dripline.subscriber.Emails;
import org.springframework.stereotype.Service;

/**
 * Imports subscribers from CSV, streaming: rows are validated one by one and written in batches,
 * so a file of any length needs the memory of one batch. Bad rows are reported and skipped;
 * good rows are never lost because of them.
 */
@Service
public class SubscriberImporter {

  static final int BATCH_SIZE = 500;
  private static final int MAX_REPORTED = 1000;
  private static final Pattern COLUMN = Pattern.compile("[a-z][a-z0-9_]{0,99}");
  private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();

  private final SubscriberWriter writer;
  private final org.springframework.beans.factory.ObjectProvider<ListColumn> lists;

  public SubscriberImporter(SubscriberWriter writer, org.springframework.beans.factory.ObjectProvider<ListColumn> lists) {
    this.writer = writer;
    this.lists = lists;
  }

  public ImportReport importFile(Path file, String source) {
    if (!Files.isRegularFile(file)) {
      throw new InvalidImportException(file + ": no such file");
    }
    // A first streaming pass rejects a file that is not UTF-8 before anything is written:
    // half an import of a mis-saved spreadsheet is worse than none.
    checkUtf8(file);
    try (Reader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8), 1 << 16)) {
      return importCsv(reader, file.toString(), source);
    } catch (IOException e) {
      throw new InvalidImportException(file + ": cannot read: " + e.getMessage());
    }
  }

  private static void checkUtf8(Path file) {
    var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    java.nio.ByteBuffer in = java.nio.ByteBuffer.allocate(8192);
    java.nio.CharBuffer out = java.nio.CharBuffer.allocate(8192);
    long line = 1;
    try (var stream = Files.newInputStream(file)) {
      boolean end = false;
      while (!end) {
        int read = stream.read(in.array(), in.position(), in.remaining());
        end = read < 0;
        in.position(in.position() + Math.max(read, 0));
        in.flip();
        int start = in.position();
        java.nio.charset.CoderResult result = decoder.decode(in, out, end);
        // A newline byte never occurs inside a multi-byte UTF-8 sequence, so bytes count lines exactly.
        for (int i = start; i < in.position(); i++) {
          if (in.get(i) == '\n') {
            line++;
          }
        }
        if (result.isError()) {
          throw new InvalidImportException(file + ": not UTF-8 text (line " + line
              + "); save the CSV as UTF-8 and import again. Nothing was imported.");
        }
        out.clear();
        in.compact();
      }
    } catch (IOException e) {
      throw new InvalidImportException(file + ": cannot read: " + e.getMessage());
    }
  }

  /** Same as {@link #importFile} for a stream (the demo's bundled file); the caller closes it. */
  public ImportReport importStream(java.io.InputStream in, String name, String source) {
    var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      return importCsv(new BufferedReader(new InputStreamReader(in, decoder), 1 << 16), name, source);
    } catch (IOException e) {
      throw new InvalidImportException(name + ": cannot read: " + e.getMessage());
    }
  }

  ImportReport importCsv(Reader reader, String name, String source) throws IOException {
    CsvRecords records = new CsvRecords(reader);
    CsvRecords.CsvRecord header = records.next();
    if (header == null) {
      throw new InvalidImportException(name + ": the file is empty; expected a header row with an 'email' column");
    }
    List<String> columns = header(name, header);
    int emailColumn = columns.indexOf("email");
    // The lists that exist when the import starts: a row naming another is rejected, nothing of it written.
    ListColumn listColumn = lists.getIfAvailable();
    Set<String> knownLists = listColumn == null ? Set.of() : new java.util.TreeSet<>(listColumn.listIds());

    long imported = 0;
    long updated = 0;
    long rejected = 0;
    List<String> rejections = new ArrayList<>();
    Map<String, SubscriberRow> batch = new LinkedHashMap<>();
    CsvRecords.CsvRecord record;
    while ((record = records.next()) != null) {
      List<String> fields = record.error() != null ? record.fields() : cells(record.fields(), emailColumn);
      String problem = record.error() != null ? record.error() : problem(columns, fields, emailColumn, knownLists);
      if (problem != null) {
        rejected++;
        if (rejections.size() < MAX_REPORTED) {
          rejections.add(name + ":" + record.line() + ": " + problem);
        }
        continue;
      }
      SubscriberRow row = row(columns, fields);
      SubscriberRow earlier = batch.remove(row.email());
      batch.put(row.email(), earlier == null ? row : earlier.mergedWith(row));
      if (earlier != null) {
        updated++;
      }
      if (batch.size() >= BATCH_SIZE) {
        SubscriberWriter.Counts counts = writer.upsert(batch.values(), source);
        imported += counts.inserted();
        updated += counts.updated();
        batch.clear();
      }
    }
    if (!batch.isEmpty()) {
      SubscriberWriter.Counts counts = writer.upsert(batch.values(), source);
      imported += counts.inserted();
      updated += counts.updated();
    }
    return new ImportReport(imported, updated, rejected, rejections);
  }

  /**
   * The cells as values: each stripped, and every cell but the email with the export's formula
   * guard taken off (SubscriberExport.unguarded), so an exported "'-Ann" imports as "-Ann".
   */
  private static List<String> cells(List<String> raw, int emailColumn) {
    List<String> cells = new ArrayList<>(raw.size());
    for (int i = 0; i < raw.size(); i++) {
      String value = raw.get(i).strip();
      cells.add(i == emailColumn ? value : SubscriberExport.unguarded(value));
    }
    return cells;
  }

  private static List<String> header(String name, CsvRecords.CsvRecord header) {
    if (header.error() != null) {
      throw new InvalidImportException(name + ":" + header.line() + ": header row: " + header.error());
    }
    List<String> columns = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String raw : header.fields()) {
      String column = raw.replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT);
      if (!COLUMN.matcher(column).matches()) {
        throw new InvalidImportException(name + ":" + header.line() + ": column name '" + raw
            + "' must be lower-case letters, digits and '_', starting with a letter");
      }
      if (!seen.add(column)) {
        throw new InvalidImportException(name + ":" + header.line() + ": column '" + column + "' appears twice");
      }
      columns.add(column);
    }
    if (!columns.contains("email")) {
      throw new InvalidImportException(name + ":" + header.line() + ": the header has no 'email' column (found: "
          + String.join(", ", columns) + ")");
    }
    return columns;
  }

  private static String problem(List<String> columns, List<String> fields, int emailColumn, Set<String> knownLists) {
    if (fields.size() != columns.size()) {
      return "expected " + columns.size() + " columns, found " + fields.size();
    }
    String email = Emails.normalize(fields.get(emailColumn));
    if (email.isEmpty()) {
      return "email is empty";
    }
    if (!Emails.valid(email)) {
      return "'" + fields.get(emailColumn).strip() + "' is not a valid email address";
    }
    int zone = columns.indexOf("timezone");
    if (zone >= 0) {
      String tz = fields.get(zone).strip();
      if (!tz.isEmpty() && !ZONES.contains(tz)) {
        return "unknown timezone '" + tz + "' (use an IANA name such as Europe/Berlin)";
      }
    }
    int tagsColumn = columns.indexOf("tags");
    if (tagsColumn >= 0) {
      for (String tag : fields.get(tagsColumn).split(";")) {
        String t = tag.strip();
        if (!t.isEmpty() && !SubscriberRow.TAG.matcher(t).matches()) {
          return "tag '" + t + "' is not a valid tag (letters, digits, '-', '_', '.'; at most 100)";
        }
      }
    }
    int listsColumn = columns.indexOf("lists");
    if (listsColumn >= 0) {
      for (String list : fields.get(listsColumn).split(";")) {
        String id = list.strip();
        if (!id.isEmpty() && !knownLists.contains(id)) {
          return "unknown list '" + id + "' in column 'lists' (known: "
              + (knownLists.isEmpty() ? "none" : String.join(", ", knownLists)) + ")";
        }
      }
    }
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).length() > 1000) {
        return "column '" + columns.get(i) + "' is longer than 1000 characters";
      }
    }
    int firstName = columns.indexOf("first_name");
    if (firstName >= 0 && fields.get(firstName).strip().length() > 200) {
      return "first_name is longer than 200 characters";
    }
    return null;
  }

  private static SubscriberRow row(List<String> columns, List<String> fields) {
    String email = null;
    String firstName = null;
    String timezone = null;
    Set<String> tags = new java.util.TreeSet<>();
    Map<String, String> attributes = new LinkedHashMap<>();
    Set<String> lists = new java.util.TreeSet<>();
    for (int i = 0; i < columns.size(); i++) {
      String value = fields.get(i);
      switch (columns.get(i)) {
        case "email" -> email = Emails.normalize(value);
        case "first_name" -> firstName = value.isEmpty() ? null : value;
        case "timezone" -> timezone = value.isEmpty() ? null : value;
        case "tags" -> {
          for (String tag : value.split(";")) {
            if (!tag.isBlank()) {
              tags.add(tag.strip());
            }
          }
        }
        case "lists" -> {
          for (String list : value.split(";")) {
            if (!list.isBlank()) {
              lists.add(list.strip());
            }
          }
        }
        default -> {
          // The export's state columns are recognised, never attributes: state is not imported.
          if (!value.isEmpty() && !SubscriberExport.STATE_COLUMNS.contains(columns.get(i))) {
            attributes.put(columns.get(i), value);
          }
        }
      }
    }
    return new SubscriberRow(email, firstName, timezone, tags, attributes, lists);
  }
}
