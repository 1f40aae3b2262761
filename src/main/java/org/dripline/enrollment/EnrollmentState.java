package org.dripline.enrollment;

/**
 * Where a subscriber stands in one series, stored by name in {@code enrollments.state}. Only
 * ACTIVE enrollments are planned and sent; a pause is not a state but a date ({@code paused_until}).
 */
public enum EnrollmentState {
  ACTIVE,
  /** Left this series only (the preference page); the subscription itself stays. */
  UNSUBSCRIBED
}
