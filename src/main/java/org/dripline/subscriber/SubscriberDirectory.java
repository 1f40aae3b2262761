package org.dripline.subscriber;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** Reads subscribers a page at a time for rendering: three queries per page, not three per message. */
@Repository
public class SubscriberDirectory {

  // The send step asks for one chunk of subscribers at a time; the IN list is bounded by the chunk size.
  private static final String PROFILES = """
      select id, email, first_name, timezone, status from subscribers where id in (:ids)
      """;
  private static final String ATTRIBUTES = """
      select subscriber_id, name, attr_value from subscriber_attributes where subscriber_id in (:ids)
      """;
  private static final String TAGS = """
      select subscriber_id, tag from subscriber_tags where subscriber_id in (:ids) order by tag
      """;
  // Lookup for previews and tests: email is the natural key people know.
  private static final String ID_BY_EMAIL = "select id from subscribers where email = :email";

  private final NamedParameterJdbcTemplate jdbc;

  public SubscriberDirectory(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public Map<Long, SubscriberProfile> profiles(Collection<Long> ids) {
    if (ids.isEmpty()) {
      return Map.of();
    }
    Map<String, Object> params = Map.of("ids", ids);
    Map<Long, Map<String, String>> attributes = new HashMap<>();
    jdbc.query(ATTRIBUTES, params, rs -> {
      attributes.computeIfAbsent(rs.getLong(1), k -> new LinkedHashMap<>()).put(rs.getString(2), rs.getString(3));
    });
    Map<Long, List<String>> tags = new HashMap<>();
    jdbc.query(TAGS, params, rs -> {
      tags.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
    });
    Map<Long, SubscriberProfile> profiles = new HashMap<>();
    jdbc.query(PROFILES, params, rs -> {
      long id = rs.getLong("id");
      profiles.put(id, new SubscriberProfile(id, rs.getString("email"), rs.getString("first_name"),
          rs.getString("timezone"), rs.getString("status"), attributes.getOrDefault(id, Map.of()),
          tags.getOrDefault(id, List.of())));
    });
    return profiles;
  }

  public java.util.Optional<SubscriberProfile> findByEmail(String email) {
    List<Long> ids = jdbc.queryForList(ID_BY_EMAIL, Map.of("email", Emails.normalize(email)), Long.class);
    return ids.isEmpty() ? java.util.Optional.empty() : java.util.Optional.ofNullable(profiles(ids).get(ids.get(0)));
  }
}
