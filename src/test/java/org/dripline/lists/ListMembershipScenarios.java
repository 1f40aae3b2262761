package org.dripline.lists;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.dripline.lists.ListMemberships.Consent;
import org.dripline.lists.ListMemberships.Status;
import org.dripline.testing.TestEnvironment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * List memberships against a real database: join, double opt-in confirmation, leave, the consent
 * record, imports that never put back someone who left, counts, and the SQL fragment the
 * newsletter snapshot embeds. {@link ListMembershipsIntegrationTests} runs these on H2,
 * {@link ListMembershipsMySqlIntegrationTests} over Connector/J against MariaDB.
 */
@SpringBootTest(properties = TestEnvironment.NO_SMTP)
@ActiveProfiles("test")
@Timeout(value = 10, unit = TimeUnit.MINUTES)
abstract class ListMembershipScenarios {

  static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");
  static final Instant T1 = Instant.parse("2026-12-02T08:00:00Z");
  static final Consent FORM = new Consent("FORM", "v3", "203.0.113.9");

  @Autowired
  ListMemberships memberships;
  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  NamedParameterJdbcTemplate named;

  @BeforeEach
  void empty() {
    TestEnvironment.emptyTables(jdbc);
  }

  long subscriber(String email) {
    jdbc.update("insert into subscribers (email, status, created_at, updated_at) values (?, 'ACTIVE', ?, ?)", email,
        java.time.LocalDateTime.of(2026, 11, 1, 0, 0), java.time.LocalDateTime.of(2026, 11, 1, 0, 0));
    return jdbc.queryForObject("select id from subscribers where email = ?", Long.class, email);
  }

  @Test
  void aDoubleOptInJoinIsPendingUntilConfirmedAndKeepsItsConsentRecord() {
    // given a subscriber who joins a list from a form, unconfirmed
    long id = subscriber("ann@example.org");
    memberships.join(id, "stories-weekly", FORM, false, T0);
    assertThat(memberships.statusesOf(id)).containsExactly(Map.entry("stories-weekly", Status.PENDING));
    assertThat(memberships.countSubscribed("stories-weekly")).isZero();

    // when the confirmation comes, and comes again
    boolean first = memberships.confirm(id, "stories-weekly", T1);
    boolean second = memberships.confirm(id, "stories-weekly", T1.plusSeconds(5));

    // then the membership is subscribed once, with the form's consent, ip and both times
    assertThat(first).isTrue();
    assertThat(second).isFalse();
    assertThat(memberships.membership(id, "stories-weekly")).hasValueSatisfying(m -> {
      assertThat(m.status()).isEqualTo(Status.SUBSCRIBED);
      assertThat(m.consent()).isEqualTo(FORM);
      assertThat(m.joinedAt()).isEqualTo(T0);
      assertThat(m.confirmedAt()).isEqualTo(T1);
      assertThat(m.leftAt()).isNull();
    });
    assertThat(memberships.countSubscribed("stories-weekly")).isOne();
  }

  @Test
  void leavingRecordsSourceAndTimeAndAnOldConfirmLinkCannotUndoIt() {
    // given a confirmed member of two lists
    long id = subscriber("bob@example.org");
    memberships.join(id, "stories-weekly", FORM, true, T0);
    memberships.join(id, "product-news", FORM, true, T0);

    // when they leave one list, and a confirmation is replayed afterwards
    memberships.leave(id, "stories-weekly", "preferences", T1);
    boolean replayed = memberships.confirm(id, "stories-weekly", T1.plusSeconds(60));

    // then only that list is left, with how and when, and the other stays
    assertThat(replayed).isFalse();
    assertThat(memberships.statusesOf(id)).containsExactly(Map.entry("product-news", Status.SUBSCRIBED),
        Map.entry("stories-weekly", Status.UNSUBSCRIBED));
    assertThat(memberships.membership(id, "stories-weekly")).hasValueSatisfying(m -> {
      assertThat(m.leftAt()).isEqualTo(T1);
      assertThat(m.leftSource()).isEqualTo("preferences");
      assertThat(m.consent()).isEqualTo(FORM);
    });
  }

  @Test
  void joiningTwiceKeepsTheFirstConsentButAnExplicitJoinAfterLeavingIsANewOne() {
    // given a member who joins again with another consent
    long id = subscriber("cy@example.org");
    memberships.join(id, "stories-weekly", FORM, true, T0);
    memberships.join(id, "stories-weekly", new Consent("API", "v4", null), true, T1);
    assertThat(memberships.membership(id, "stories-weekly").orElseThrow().consent()).isEqualTo(FORM);

    // when they leave and then join from the preference page
    memberships.leave(id, "stories-weekly", "one-click", T1);
    Consent page = new Consent("preferences", "preferences", null);
    memberships.join(id, "stories-weekly", page, true, T1.plusSeconds(3600));

    // then they are on the list again with the new consent and no trace of the leave on the active row
    assertThat(memberships.membership(id, "stories-weekly")).hasValueSatisfying(m -> {
      assertThat(m.status()).isEqualTo(Status.SUBSCRIBED);
      assertThat(m.consent()).isEqualTo(page);
      assertThat(m.leftAt()).isNull();
    });
  }

  @Test
  void anImportAddsAndConfirmsButNeverPutsBackSomeoneWhoLeft() {
    // given one who left, one pending and one new
    long left = subscriber("left@example.org");
    long pending = subscriber("pending@example.org");
    long fresh = subscriber("fresh@example.org");
    memberships.join(left, "stories-weekly", FORM, true, T0);
    memberships.leave(left, "stories-weekly", "one-click", T0);
    memberships.join(pending, "stories-weekly", FORM, false, T0);

    // when a file puts all three on the list
    memberships.joinImported(Map.of(left, Set.of("stories-weekly"), pending, Set.of("stories-weekly"),
        fresh, Set.of("stories-weekly", "product-news")), new Consent("IMPORT", "import", null), T1);

    // then the one who left stays out; the others are subscribed
    assertThat(memberships.statusesOf(left)).containsEntry("stories-weekly", Status.UNSUBSCRIBED);
    assertThat(memberships.statusesOf(pending)).containsEntry("stories-weekly", Status.SUBSCRIBED);
    assertThat(memberships.statusesOf(fresh)).containsOnlyKeys("product-news", "stories-weekly")
        .containsValue(Status.SUBSCRIBED);
    assertThat(memberships.subscribedListsOf(List.of(left, pending, fresh))).containsExactly(
        Map.entry(pending, List.of("stories-weekly")), Map.entry(fresh, List.of("product-news", "stories-weekly")));
    assertThat(memberships.countsOf("stories-weekly")).isEqualTo(new ListMemberships.Counts(2, 0, 1));
  }

  @Test
  void theSnapshotFragmentSelectsExactlyTheSubscribedMembersOfTheGivenLists() {
    // given 30 subscribers: 10 on each list, 5 of the first list left it, 3 pending on the second
    List<Long> ids = LongStream.range(0, 30).mapToObj(i -> subscriber("m" + i + "@example.org")).toList();
    Map<Long, Set<String>> joins = new java.util.HashMap<>();
    for (int i = 0; i < 10; i++) {
      joins.put(ids.get(i), Set.of("stories-weekly"));
      joins.put(ids.get(10 + i), Set.of("product-news"));
    }
    memberships.joinImported(joins, new Consent("IMPORT", "import", null), T0);
    for (int i = 0; i < 5; i++) {
      memberships.leave(ids.get(i), "stories-weekly", "one-click", T1);
    }
    for (int i = 20; i < 23; i++) {
      memberships.join(ids.get(i), "product-news", FORM, false, T1);
    }

    // when the fragment runs inside a set-based query, as the newsletter snapshot embeds it
    List<Long> one = named.queryForList("select s.id from subscribers s where s.id in ("
        + ListMemberships.SUBSCRIBED_MEMBER_IDS + ") order by s.id", Map.of("listIds", List.of("stories-weekly")), Long.class);
    List<Long> both = named.queryForList("select s.id from subscribers s where s.id in ("
        + ListMemberships.SUBSCRIBED_MEMBER_IDS + ")", Map.of("listIds", List.of("stories-weekly", "product-news")),
        Long.class);

    // then it returns the subscribed members only
    assertThat(one).containsExactlyElementsOf(ids.subList(5, 10));
    assertThat(Set.copyOf(both)).isEqualTo(ids.subList(5, 20).stream().collect(Collectors.toSet()));
    assertThat(memberships.counts()).containsEntry("stories-weekly", new ListMemberships.Counts(5, 0, 5))
        .containsEntry("product-news", new ListMemberships.Counts(10, 3, 0));
  }
}
