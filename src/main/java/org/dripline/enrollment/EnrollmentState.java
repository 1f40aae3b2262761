package org.dripline.enrollment;

/**
 * Where a subscriber stands in one series, stored by name in {@code enrollments.state}. Only
 * ACTIVE enrollments are planned and sent; a pause is not a state but a date ({@code paused_until}).
 * Both other states are final: the claim skips their planned messages for good.
 */
public enum EnrollmentState {
  ACTIVE,
  /** Left this series only (the preference page); the subscription itself stays. */
  UNSUBSCRIBED,
  /**
   * Met the campaign's {@code exit_when} goal and left the series (a goal completion, counted by
   * {@link Enrollments#goalCompletions}); set by {@code exitGoalStep} ({@link ExitGoals}).
   */
  GOAL_MET
}
