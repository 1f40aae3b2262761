package org.dripline.subscriber.importing;

import org.dripline.infra.InvalidInputException;

/** The file as a whole cannot be imported (no header, no email column, unreadable); nothing was written. */
public class InvalidImportException extends InvalidInputException {

  public InvalidImportException(String message) {
    super(message);
  }
}
