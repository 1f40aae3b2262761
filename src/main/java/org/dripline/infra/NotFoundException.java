package org.dripline.infra;

/**
 * Something asked for by id does not exist: a campaign, a step, a subscriber, a run. The API
 * answers 404, the CLI exits with 2. One of the three kinds of refusal a user can fix, with
 * {@link InvalidInputException} and {@link ConflictException}; any other exception is a failure
 * of Dripline itself (HTTP 500, exit code 1).
 */
public class NotFoundException extends IllegalArgumentException {

  public NotFoundException(String message) {
    super(message);
  }
}
