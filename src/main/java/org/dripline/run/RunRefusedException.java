package org.dripline.run;

import org.dripline.infra.ConflictException;

/**
 * A run could not start because its (campaign, asOf) is already running, already complete, or
 * being created by another process at the same moment; nothing was sent.
 */
public class RunRefusedException extends ConflictException {

  public RunRefusedException(String message, Throwable cause) {
    super(message, cause);
  }
}
