package org.dripline.enrollment;

/**
 * An enrollment that still receives its series, in SQL over {@code enrollments e}: the one
 * statement of that rule. Planning needs it {@link #ACTIVE} (the subscriber has not left the
 * series); sending also needs it {@link #NOT_PAUSED} at the run's {@code :asOf}, because a pause
 * holds messages already planned until it ends rather than dropping them.
 */
public final class ActiveEnrollment {

  /** The subscriber has not left the series. */
  public static final String ACTIVE = "e.state = 'ACTIVE'";

  /** No pause, or one that has ended by {@code :asOf}. */
  public static final String NOT_PAUSED = "(e.paused_until is null or e.paused_until <= :asOf)";

  private ActiveEnrollment() {
  }
}
