package org.dripline.infra;

/**
 * Input the user can correct: a malformed address, an option out of range, a campaign or file
 * with problems. The API answers 400, the CLI exits with 2. Subtypes carry what names the
 * mistake more precisely (the field, every problem with its file:line:column).
 *
 * <p>An IllegalArgumentException, so that code guarding a call against bad arguments (a stored
 * address the suppression list refuses, say) keeps catching it; a bare IllegalArgumentException
 * is still a bug, not the user's input.
 */
public class InvalidInputException extends IllegalArgumentException {

  public InvalidInputException(String message) {
    super(message);
  }
}
