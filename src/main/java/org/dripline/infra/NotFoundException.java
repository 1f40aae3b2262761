package org.dripline.infra;

/**
 * Something asked for by id does not exist: a campaign, a step, a subscriber, a run. Bad input
 * all the same (the CLI exits with 2), but the API answers 404 rather than 400.
 */
public class NotFoundException extends IllegalArgumentException {

  public NotFoundException(String message) {
    super(message);
  }
}
