package org.dripline.infra;

/**
 * The request is valid but the thing it is about is in the wrong state for it: a run that is
 * already running or complete, not running when asked to stop, completed when asked to restart.
 * The API answers 409, the CLI exits with 2. Deliberately not an IllegalStateException: that
 * one stays what Java means by it, a bug or a broken environment (HTTP 500, exit code 1).
 */
public class ConflictException extends RuntimeException {

  public ConflictException(String message) {
    super(message);
  }

  public ConflictException(String message, Throwable cause) {
    super(message, cause);
  }
}
