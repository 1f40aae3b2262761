package org.dripline.subscriber.importing;

/** The file as a whole cannot be imported (no header, no email column, unreadable); nothing was written. */
public class InvalidImportException extends RuntimeException {

  public InvalidImportException(String message) {
    super(message);
  }
}
