package org.dripline.subscriber.importing;

import java.io.IOException;
import java.io.Writer;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dripline.subscriber.SubscriberDirectory;
import org.dripline.subscriber.SubscriberProfile;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Every subscriber and their state as CSV (RFC 4180), streamed a page at a time. The first
 * columns are the import format (email, first_name, timezone, tags, lists, then one column per
 * attribute), so the file re-imports; the state columns ({@link #STATE_COLUMNS}) follow, and the
 * importer recognises and skips them. Cells a spreadsheet would run as a formula get a leading
 * {@code '} that the importer takes off again ({@link #guarded}, {@link #unguarded}); emails are
 * never guarded. Export, import, export gives the same bytes.
 */
@Service
public class SubscriberExport {

  static final int PAGE = 1000;
  /** The columns after the import columns: export only, recognised and skipped on import, never attribute names. */
  public static final List<String> STATE_COLUMNS = List.of("status", "suppression", "tracking_opt_out",
      "consent_source", "created_at", "confirmed_at", "campaigns");
  private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("-?\\d+(\\.\\d+)?");

  // The attribute columns: one per name in use.
  private static final String ATTRIBUTE_NAMES = "select distinct name from subscriber_attributes order by name";
  // Keyset paging by id: memory stays one page whatever the list size.
  private static final String PAGE_IDS = "select id from subscribers where id > :after order by id";
  // State that lives outside the profile: suppression, consent, and each campaign's enrollment.
  private static final String STATES = """
      select s.id, s.created_at, s.confirmed_at, s.consent_source, s.tracking_opt_out,
             (select x.reason from suppressions x where x.email = s.email) as suppression
      from subscribers s where s.id in (:ids)
      """;
  private static final String ENROLLMENTS = """
      select subscriber_id, campaign_id, state from enrollments where subscriber_id in (:ids) order by campaign_id
      """;

  private final NamedParameterJdbcTemplate jdbc;
  private final NamedParameterJdbcTemplate pager;
  private final SubscriberDirectory directory;
  private final org.springframework.beans.factory.ObjectProvider<ListColumn> lists;

  public SubscriberExport(NamedParameterJdbcTemplate jdbc, SubscriberDirectory directory,
      org.springframework.beans.factory.ObjectProvider<ListColumn> lists) {
    this.jdbc = jdbc;
    this.directory = directory;
    this.lists = lists;
    this.pager = org.dripline.infra.RowCap.of(jdbc, PAGE);
  }

  /** Writes the CSV and returns how many subscribers it holds. */
  public long write(Writer out) throws IOException {
    List<String> names = new ArrayList<>(jdbc.getJdbcTemplate().queryForList(ATTRIBUTE_NAMES, String.class));
    // An attribute stored as "lists" before the column existed would repeat the header, which no import accepts.
    names.remove("lists");
    List<String> header = new ArrayList<>(List.of("email", "first_name", "timezone", "tags", "lists"));
    ListColumn listColumn = lists.getIfAvailable();
    header.addAll(names);
    header.addAll(STATE_COLUMNS);
    line(out, header, false);
    long written = 0;
    long after = 0;
    while (true) {
      List<Long> ids = pager.queryForList(PAGE_IDS, Map.of("after", after), Long.class);
      if (ids.isEmpty()) {
        return written;
      }
      Map<Long, SubscriberProfile> profiles = directory.profiles(ids);
      Map<Long, List<String>> states = new HashMap<>();
      jdbc.query(STATES, Map.of("ids", ids), rs -> {
        states.put(rs.getLong("id"), List.of(nullToEmpty(rs.getString("suppression")),
            Boolean.toString(rs.getBoolean("tracking_opt_out")), nullToEmpty(rs.getString("consent_source")),
            time(rs.getObject("created_at", LocalDateTime.class)), time(rs.getObject("confirmed_at", LocalDateTime.class))));
      });
      Map<Long, List<String>> campaigns = new HashMap<>();
      jdbc.query(ENROLLMENTS, Map.of("ids", ids), rs -> {
        campaigns.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2) + "=" + rs.getString(3));
      });
      Map<Long, List<String>> memberships = listColumn == null ? Map.of() : listColumn.subscribedListsOf(ids);
      for (long id : ids) {
        SubscriberProfile p = profiles.get(id);
        if (p == null) {
          continue;
        }
        List<String> row = new ArrayList<>(List.of(p.email(), nullToEmpty(p.firstName()), nullToEmpty(p.timezone()),
            String.join(";", p.tags()), String.join(";", memberships.getOrDefault(id, List.of()))));
        names.forEach(name -> row.add(p.attributes().getOrDefault(name, "")));
        row.add(p.status());
        row.addAll(states.getOrDefault(id, List.of("", "", "", "", "")));
        row.add(String.join(";", campaigns.getOrDefault(id, List.of())));
        line(out, row, true);
        written++;
      }
      after = ids.get(ids.size() - 1);
    }
  }

  /** One record; the first cell of a subscriber row is the email, which is never formula-guarded. */
  private static void line(Writer out, List<String> values, boolean emailFirst) throws IOException {
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      out.write(quoted(emailFirst && i == 0 ? values.get(i) : guarded(values.get(i))));
    }
    out.write("\r\n");
  }

  /**
   * The cell a spreadsheet does not run as a formula: a value starting with =, +, -, @, tab, CR or LF
   * (but not a number such as -5) is prefixed with '. So is a value starting with ' whose rest
   * would be guarded or starts with ' itself: then {@link #unguarded} undoes exactly this, and a
   * value that only happens to start with ' ("'tis") stays as it is both ways.
   */
  public static String guarded(String value) {
    return needsMark(value) ? "'" + value : value;
  }

  /** The value {@link #guarded} turned into {@code cell}: the import side of the formula guard. */
  public static String unguarded(String cell) {
    return cell.length() > 1 && cell.charAt(0) == '\'' && needsMark(cell.substring(1)) ? cell.substring(1) : cell;
  }

  private static boolean needsMark(String value) {
    int i = 0;
    while (i < value.length() && value.charAt(i) == '\'') {
      i++;
    }
    if (i == value.length()) {
      return false;
    }
    // Apostrophes followed by a formula-looking value: each level of ' is one more level of guard.
    return "=+-@\t\r\n".indexOf(value.charAt(i)) >= 0 && !NUMBER.matcher(value.substring(i)).matches();
  }

  /** RFC 4180 quoting. */
  static String quoted(String value) {
    String v = value;
    if (v.indexOf(',') < 0 && v.indexOf('"') < 0 && v.indexOf('\n') < 0 && v.indexOf('\r') < 0) {
      return v;
    }
    return '"' + v.replace("\"", "\"\"") + '"';
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }

  private static String time(LocalDateTime value) {
    return value == null ? "" : value + "Z";
  }
}
