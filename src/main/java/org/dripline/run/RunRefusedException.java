package org.dripline.run;

/** A run could not even start (already running, repository unavailable); nothing was sent. */
public class RunRefusedException extends RuntimeException {

  public RunRefusedException(String message, Throwable cause) {
    super(message, cause);
  }
}
