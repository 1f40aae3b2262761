package org.dripline.campaign;

/** Where a value came from in a campaign file, so later checks (templates) can point back at it. */
public record Location(String file, int line, int column) {

  public Problem problem(String message) {
    return new Problem(file, line, column, message);
  }
}
