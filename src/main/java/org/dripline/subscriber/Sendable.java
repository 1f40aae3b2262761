package org.dripline.subscriber;

/**
 * Who may be sent to: an ACTIVE subscriber whose address is not on the suppression list. The one
 * statement of that rule in SQL, over {@code subscribers s} (with {@code suppressions x}), in two
 * forms that select the same subscribers:
 * <ul>
 * <li>{@link #JOIN} + {@link #WHERE}, an anti-join, for set-based statements over many
 *     subscribers (enrollment, planning). Not NOT EXISTS: MariaDB turns NOT EXISTS into a
 *     materialized NOT IN over the whole subquery, and a statement run once per id range then
 *     reads all of it once per range, quadratic in the audience; LEFT JOIN ... IS NULL stays one
 *     primary-key lookup per row.
 * <li>{@link #ROW}, with NOT EXISTS, where a join cannot go: inside the correlated EXISTS of an
 *     UPDATE (the claim at send time) or a CASE, judged for one subscriber at a time.
 * </ul>
 */
public final class Sendable {

  private static final String ACTIVE = "s.status = 'ACTIVE'";

  /** Joins the suppression list to {@code subscribers s}, for {@link #WHERE}. */
  public static final String JOIN = "left join suppressions x on x.email = s.email";

  /** With {@link #JOIN}: the subscriber is ACTIVE and its address is not suppressed. */
  public static final String WHERE = ACTIVE + " and x.email is null";

  /** Without a join: the subscriber {@code s} is ACTIVE and its address is not suppressed. */
  public static final String ROW = ACTIVE + " and not exists (select 1 from suppressions x where x.email = s.email)";

  private Sendable() {
  }
}
