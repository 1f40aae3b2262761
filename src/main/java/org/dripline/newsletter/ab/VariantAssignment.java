package org.dripline.newsletter.ab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which variant of an A/B-tested issue a subscriber tests, or none (the rest, who get the winner
 * later): a pure function of the test's seed and the subscriber id.
 *
 * <p>Why a function and not a shuffle: the snapshot may run twice (a crash, a restart) and rows may be
 * read in any order; the same person must land in the same variant every time, or a restart would
 * re-test people or send them two subjects. Nothing about the assignment is stored but its outcome.
 *
 * <p>The mix. Each subscriber gets a slot in 0..9,999 from a seeded hash of the id; slots below
 * {@code testPercent * 100} are in the test, and a test slot's variant is {@code slot mod n}, so the
 * test share is split evenly (within one slot) over the variants. The hash is kept to 64-bit
 * integer arithmetic that never overflows (everything modulo the prime 2^31-1, with a squaring in
 * the middle so that neighbouring ids do not fall in a regular pattern), because the same function
 * has to run inside the snapshot's {@code INSERT ... SELECT} as SQL ({@link #sqlVariant}) on H2 and
 * MariaDB alike: a million-row audience must not pass through Java to be assigned. The constants
 * come from the seed through SplitMix64, so different seeds give unrelated assignments. Subscriber
 * ids are the database's positive keys.
 */
public final class VariantAssignment {

  /** Slots per audience: percent shares are whole numbers of slots, variants split them within one. */
  static final int SLOTS = 10_000;
  /** The Mersenne prime 2^31-1: products of two residues stay below 2^62, inside a signed BIGINT. */
  static final long PRIME = 2_147_483_647L;
  /** A SQL column reference (optionally qualified): the only thing {@link #sqlVariant} splices into SQL. */
  private static final Pattern COLUMN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

  private final List<String> variants;
  private final int testPercent;
  private final long multiplier1;
  private final long offset1;
  private final long offset2;
  private final long multiplier2;
  private final long offset3;

  /**
   * @param seed        the A/B seed (from its YAML): fixed, so the assignment survives restarts
   * @param variants    the variant (step) ids in file order, 1 to 4 of them, distinct
   * @param testPercent the share of the audience in the test, 1..100 (the YAML allows 1..50)
   */
  public VariantAssignment(long seed, List<String> variants, int testPercent) {
    if (variants == null || variants.isEmpty() || variants.size() > 4) {
      throw new IllegalArgumentException("an A/B test has 1 to 4 variants, not " + (variants == null ? 0 : variants.size()));
    }
    if (variants.stream().anyMatch(v -> v == null || v.isBlank()) || new LinkedHashSet<>(variants).size() != variants.size()) {
      throw new IllegalArgumentException("variant ids must be distinct and present: " + variants);
    }
    if (testPercent < 1 || testPercent > 100) {
      throw new IllegalArgumentException("the test share is 1..100 percent, not " + testPercent);
    }
    this.variants = List.copyOf(variants);
    this.testPercent = testPercent;
    SplitMix64 mix = new SplitMix64(seed);
    this.multiplier1 = 1 + Long.remainderUnsigned(mix.next(), PRIME - 1);
    this.offset1 = Long.remainderUnsigned(mix.next(), PRIME);
    this.offset2 = Long.remainderUnsigned(mix.next(), PRIME);
    this.multiplier2 = 1 + Long.remainderUnsigned(mix.next(), PRIME - 1);
    this.offset3 = Long.remainderUnsigned(mix.next(), PRIME);
  }

  /** the variant this subscriber tests, or empty = in "the rest" (gets the winner later). Stable across runs/restarts. */
  public Optional<String> assign(long subscriberId) {
    int slot = slot(subscriberId);
    if (slot >= testSlots()) {
      return Optional.empty();
    }
    return Optional.of(variants.get(slot % variants.size()));
  }

  /** The variants in file order, as given. */
  public List<String> variants() {
    return variants;
  }

  /** The share of the audience in the test, in percent. */
  public int testPercent() {
    return testPercent;
  }

  /** The subscriber's slot, 0..9,999: exactly what {@link #sqlVariant} computes in the database. */
  int slot(long subscriberId) {
    long x = subscriberId % PRIME;
    long h1 = (x * multiplier1 + offset1) % PRIME;
    long h2 = (h1 * h1 + offset2) % PRIME;
    long h3 = (h2 * multiplier2 + offset3) % PRIME;
    return (int) (h3 % SLOTS);
  }

  private int testSlots() {
    return testPercent * (SLOTS / 100);
  }

  /**
   * The same assignment as a SQL expression, for the snapshot's {@code INSERT ... SELECT}: the
   * variant id for the subscriber id in {@code idColumn}, or null for the rest. Bind
   * {@link #sqlParameters()} alongside (named parameters prefixed {@code ab}); only the column
   * reference is spliced in, and it must look like one.
   *
   * <p>The column must be a BIGINT (subscriber ids are): H2 types the parameters from it, and an
   * INTEGER would overflow in the products below 2^62 that a BIGINT holds.
   *
   * @param idColumn the subscriber id column of the select, e.g. {@code s.id} or {@code ls.subscriber_id}
   */
  public String sqlVariant(String idColumn) {
    if (idColumn == null || !COLUMN.matcher(idColumn).matches()) {
      throw new IllegalArgumentException("not a column reference: " + idColumn);
    }
    // The prime travels as a BIGINT parameter: a literal 2147483647 is an INTEGER, and H2 types a
    // remainder like its divisor, so the squaring below would overflow INTEGER instead of BIGINT.
    String h1 = "mod(mod(" + idColumn + ", :abPrime) * :abMultiplier1 + :abOffset1, :abPrime)";
    String h2 = "mod(" + h1 + " * " + h1 + " + :abOffset2, :abPrime)";
    String h3 = "mod(" + h2 + " * :abMultiplier2 + :abOffset3, :abPrime)";
    String slot = "mod(" + h3 + ", " + SLOTS + ")";
    StringBuilder sql = new StringBuilder("case when ").append(slot).append(" < :abTestSlots then case mod(")
        .append(slot).append(", ").append(variants.size()).append(')');
    for (int i = 0; i < variants.size(); i++) {
      sql.append(" when ").append(i).append(" then :abVariant").append(i);
    }
    return sql.append(" end end").toString();
  }

  /** The named parameters of {@link #sqlVariant}: the seed's constants, the test size, the variant ids. */
  public Map<String, Object> sqlParameters() {
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("abPrime", PRIME);
    parameters.put("abMultiplier1", multiplier1);
    parameters.put("abOffset1", offset1);
    parameters.put("abOffset2", offset2);
    parameters.put("abMultiplier2", multiplier2);
    parameters.put("abOffset3", offset3);
    parameters.put("abTestSlots", testSlots());
    List<String> ids = new ArrayList<>(variants);
    for (int i = 0; i < ids.size(); i++) {
      parameters.put("abVariant" + i, ids.get(i));
    }
    return parameters;
  }

  /** SplitMix64 (Steele, Lea, Flood): turns one seed into well-mixed, independent-looking constants. */
  private static final class SplitMix64 {
    private long state;

    SplitMix64(long seed) {
      this.state = seed;
    }

    long next() {
      state += 0x9E3779B97F4A7C15L;
      long z = state;
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      return z ^ (z >>> 31);
    }
  }
}
