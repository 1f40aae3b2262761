package org.dripline.tracking;

/** A token that does not verify, or names nothing: always answered with a plain 404. */
class InvalidLinkException extends RuntimeException {

  InvalidLinkException() {
    super("invalid link", null, false, false);
  }
}
