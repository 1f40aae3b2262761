package org.dripline.newsletter.ab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The A/B assignment is a seeded function of the subscriber id: the same person always lands in the
 * same variant, shares match the test percent over a real-sized audience, and seeds are independent.
 * Share bounds are statistical: five binomial standard deviations, so a correct mix fails them with a
 * probability below one in a million per count, while a skewed one (a 1-point bias) does not pass.
 */
class VariantAssignmentTests {

  private static final int AUDIENCE = 100_000;
  /** Seed 1, variants a and b, 20%: ids 1..40 as first shipped ("-" = the rest). 15 of 40 tested is chance. */
  static final String KNOWN_SEED_1 = "a----a--a-ba--b--a-a----ab--bbb--b-a----";

  @Test
  void theSameSeedAndIdGiveTheSameVariantInEveryInstance() {
    // given two assignments built from the same test, as after a restart
    VariantAssignment first = new VariantAssignment(42, List.of("a", "b", "c"), 20);
    VariantAssignment second = new VariantAssignment(42, List.of("a", "b", "c"), 20);

    // when every id of an audience is assigned by both
    // then they agree on every one
    for (long id = 1; id <= 20_000; id++) {
      assertThat(second.assign(id)).as("subscriber %d", id).isEqualTo(first.assign(id));
    }
  }

  @Test
  void knownAssignmentsNeverChangeSoAnIssueInFlightKeepsItsSplit() {
    // given the assignment of seed 1, 20%, variants a and b, as shipped
    VariantAssignment ab = new VariantAssignment(1, List.of("a", "b"), 20);

    // when the first ids are assigned
    List<String> assigned = new ArrayList<>();
    for (long id = 1; id <= 40; id++) {
      assigned.add(ab.assign(id).orElse("-"));
    }

    // then they are what they were when this test was written: a change here re-splits issues being sent
    assertThat(String.join("", assigned)).isEqualTo(KNOWN_SEED_1);
  }

  @Test
  void theOrderRowsAreReadInDoesNotMatter() {
    // given an audience read in id order and the same audience shuffled
    VariantAssignment assignment = new VariantAssignment(7, List.of("a", "b"), 30);
    List<Long> ids = new ArrayList<>(LongStream.rangeClosed(1, 5_000).boxed().toList());
    Map<Long, Optional<String>> inOrder = new HashMap<>();
    ids.forEach(id -> inOrder.put(id, assignment.assign(id)));
    Collections.shuffle(ids, new Random(3));

    // when the shuffled audience is assigned by a fresh instance
    VariantAssignment fresh = new VariantAssignment(7, List.of("a", "b"), 30);
    Map<Long, Optional<String>> shuffled = new HashMap<>();
    ids.forEach(id -> shuffled.put(id, fresh.assign(id)));

    // then everyone has the same variant
    assertThat(shuffled).isEqualTo(inOrder);
  }

  @ParameterizedTest(name = "{0} variants, {1}% test, ids from {2} step {3}")
  @CsvSource({
      "2, 20, 1, 1",
      "3, 20, 1, 1",
      "4, 20, 1, 1",
      "2, 50, 1, 1",
      "4, 1, 1, 1",
      "3, 10, 1, 2",
      "4, 25, 1000, 1000",
      "2, 20, 5000000000, 7919",
      "3, 30, 2147483000, 1"})
  void sharesMatchTheTestPercentSplitEvenlyOverTheVariants(int variantCount, int percent, long firstId, long step) {
    // given an A/B test and an audience of 100,000 ids (consecutive, or strided as after deletions)
    List<String> variants = List.of("a", "b", "c", "d").subList(0, variantCount);
    VariantAssignment assignment = new VariantAssignment(2026, variants, percent);

    // when everyone is assigned
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < AUDIENCE; i++) {
      counts.merge(assignment.assign(firstId + i * step).orElse("rest"), 1, Integer::sum);
    }

    // then the test share is testPercent% and each variant has its even part of it, within 5 sigma
    double testShare = percent / 100.0;
    assertWithinFiveSigma(counts.getOrDefault("rest", 0), 1 - testShare);
    for (String variant : variants) {
      assertWithinFiveSigma(counts.getOrDefault(variant, 0), testShare / variantCount);
    }
  }

  private static void assertWithinFiveSigma(int count, double probability) {
    double expected = AUDIENCE * probability;
    double sigma = Math.sqrt(AUDIENCE * probability * (1 - probability));
    assertThat((double) count).as("count against expected %.0f", expected).isBetween(expected - 5 * sigma,
        expected + 5 * sigma);
  }

  @Test
  void differentSeedsGiveUnrelatedAssignments() {
    // given the same test under two seeds
    VariantAssignment one = new VariantAssignment(1, List.of("a", "b"), 20);
    VariantAssignment two = new VariantAssignment(2, List.of("a", "b"), 20);

    // when 100,000 ids are assigned by both
    int bothInTest = 0;
    int differ = 0;
    for (long id = 1; id <= AUDIENCE; id++) {
      Optional<String> x = one.assign(id);
      Optional<String> y = two.assign(id);
      bothInTest += x.isPresent() && y.isPresent() ? 1 : 0;
      differ += x.equals(y) ? 0 : 1;
    }

    // then being tested under one seed says nothing about the other: 20% of 20% overlap, within 5 sigma
    assertWithinFiveSigma(bothInTest, 0.2 * 0.2);
    // and the assignments differ as often as independent ones do: 1 - (0.8^2 + 2 * 0.1^2) = 34%
    assertWithinFiveSigma(differ, 0.34);
  }

  @Test
  void aSubscribersVariantDoesNotDependOnTheirNeighbours() {
    // given consecutive ids, as an import assigns them
    VariantAssignment assignment = new VariantAssignment(11, List.of("a", "b"), 50);

    // when pairs of neighbours are compared
    int same = 0;
    for (long id = 1; id <= AUDIENCE; id++) {
      same += assignment.assign(id).equals(assignment.assign(id + 1)) ? 1 : 0;
    }

    // then neighbours share a group as often as strangers do: 0.5^2 + 2 * 0.25^2 = 37.5%
    assertWithinFiveSigma(same, 0.375);
  }

  @Test
  void variantIdsAreReturnedAsGivenWithTheRestEmpty() {
    // given a four-variant test with a 40% share
    VariantAssignment assignment = new VariantAssignment(5, List.of("subject-a", "subject-b", "c", "d"), 40);

    // when a thousand ids are assigned
    List<String> seen = LongStream.rangeClosed(1, 1_000).mapToObj(assignment::assign)
        .map(v -> v.orElse("")).distinct().sorted().toList();

    // then every variant and the rest occur, and nothing else
    assertThat(seen).containsExactly("", "c", "d", "subject-a", "subject-b");
  }

  @Test
  void aTestOutsideTheRulesIsRefused() {
    assertThatThrownBy(() -> new VariantAssignment(1, List.of(), 20)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new VariantAssignment(1, List.of("a", "b", "c", "d", "e"), 20))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new VariantAssignment(1, List.of("a", "a"), 20)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new VariantAssignment(1, List.of("a", "b"), 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new VariantAssignment(1, List.of("a", "b"), 101)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theSqlFormSplicesOnlyAColumnReference() {
    // given an assignment
    VariantAssignment assignment = new VariantAssignment(1, List.of("a", "b"), 20);

    // then a qualified column is accepted and anything else refused
    assertThat(assignment.sqlVariant("ls.subscriber_id")).contains("ls.subscriber_id").contains(":abVariant1")
        .doesNotContain("'a'");
    assertThatThrownBy(() -> assignment.sqlVariant("s.id) or (1=1")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> assignment.sqlVariant(null)).isInstanceOf(IllegalArgumentException.class);
    // and the variant ids travel as parameters, with the seed's constants
    assertThat(assignment.sqlParameters()).containsEntry("abVariant0", "a").containsEntry("abVariant1", "b")
        .containsEntry("abTestSlots", 2000).containsKeys("abMultiplier1", "abOffset1", "abOffset2", "abMultiplier2",
            "abOffset3");
  }
}
