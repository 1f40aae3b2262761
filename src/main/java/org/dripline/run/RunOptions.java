package org.dripline.run;

/**
 * Operator decisions a run may be given; each defaults to the safe choice (off).
 *
 * @param acceptChange the change hash {@code diff} printed: put the campaign file in force despite
 *                     the hazards it named (recorded with the version, with {@code acceptedBy})
 */
public record RunOptions(boolean recover, boolean resendAmbiguous, String acceptChange, String acceptedBy) {

  public static final RunOptions NONE = new RunOptions(false, false);

  public RunOptions(boolean recover, boolean resendAmbiguous) {
    this(recover, resendAmbiguous, null, null);
  }
}
