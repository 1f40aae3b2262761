package org.dripline.delivery;

/** The SMTP server cannot be used right now; the run stops and a restart continues where it stopped. */
public class SmtpUnavailableException extends Exception {

  public SmtpUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
