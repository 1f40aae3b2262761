package org.dripline.campaign;

import java.util.Map;

/**
 * The file's {@code changes:} block: how subscribers already in the series move to this version.
 * Without the block ({@link #NONE}) they stay on the step structure of the version they enrolled
 * on; with it, every in-flight subscriber moves to this version's structure when it comes into
 * force, as the block says.
 *
 * @param declared    whether the file has a {@code changes:} block at all
 * @param renames     old step id to new step id: whoever got the old step counts as having got the new one
 * @param newSteps    what in-flight subscribers do with steps that now come before steps they already had
 * @param dropRemoved {@code removed_steps: drop}: the steps no longer in the file are not sent to
 *                    those who had not got them yet (said out loud, since that is what removing means)
 */
public record Changes(boolean declared, Map<String, String> renames, NewSteps newSteps, boolean dropRemoved) {

  public static final Changes NONE = new Changes(false, Map.of(), NewSteps.UNDECLARED, false);

  public Changes {
    renames = Map.copyOf(renames);
  }

  /** {@code new_steps_for_enrolled}: a step inserted before a subscriber's progress. */
  public enum NewSteps {
    /** Not said: the step would go out next, out of order, which {@code diff} names as a hazard. */
    UNDECLARED,
    /** Recorded as skipped for them: they never get it. */
    SKIP,
    /** Sent to them as their next email, on purpose. */
    SEND_NEXT
  }
}
