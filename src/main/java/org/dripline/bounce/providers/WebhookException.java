package org.dripline.bounce.providers;

import org.springframework.http.HttpStatus;

/**
 * A webhook request refused, with the status and the words the provider (or whoever sent it)
 * gets back as problem+json: 400 a body we cannot read, 401 no credentials or signature, 403 a
 * signature or credentials that do not verify, 404 a provider that is not configured.
 */
class WebhookException extends RuntimeException {

  private final HttpStatus status;

  WebhookException(HttpStatus status, String detail) {
    super(detail);
    this.status = status;
  }

  HttpStatus status() {
    return status;
  }

  static WebhookException malformed(String detail) {
    return new WebhookException(HttpStatus.BAD_REQUEST, detail);
  }

  static WebhookException unsigned(String detail) {
    return new WebhookException(HttpStatus.UNAUTHORIZED, detail);
  }

  static WebhookException forged(String detail) {
    return new WebhookException(HttpStatus.FORBIDDEN, detail);
  }
}
