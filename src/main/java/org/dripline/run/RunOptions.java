package org.dripline.run;

/** Operator decisions a run may be given; both default to the safe choice (off). */
public record RunOptions(boolean recover, boolean resendAmbiguous) {

  public static final RunOptions NONE = new RunOptions(false, false);
}
