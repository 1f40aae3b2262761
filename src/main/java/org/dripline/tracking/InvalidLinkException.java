package org.dripline.tracking;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** A token that does not verify, or names nothing: always answered with a plain 404. */
public class InvalidLinkException extends RuntimeException {

  static final String CONTENT_TYPE = "text/plain;charset=UTF-8";
  static final String TEXT = "This link is not valid.\n";

  public InvalidLinkException() {
    super("invalid link", null, false, false);
  }

  /** The same answer from the pages' controllers as from {@link TrackingFilter}. */
  public static ResponseEntity<String> response() {
    return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.parseMediaType(CONTENT_TYPE))
        .cacheControl(CacheControl.noStore()).body(TEXT);
  }
}
