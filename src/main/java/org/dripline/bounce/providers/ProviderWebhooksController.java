package org.dripline.bounce.providers;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.dripline.bounce.ProviderEvent;
import org.dripline.bounce.ProviderEvent.Outcome;
import org.dripline.bounce.ProviderEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /webhooks/{ses,postmark,mailgun,sendgrid}}: public (no API token, see
 * web.SecurityConfiguration) because each request proves itself, with the provider's signature
 * or credentials. A provider that is not configured answers 404 as if the path did not exist.
 * The body is read raw (signatures are over the bytes) and at most 5 MiB of it.
 */
@RestController
class ProviderWebhooksController {

  private static final Logger log = LoggerFactory.getLogger(ProviderWebhooksController.class);
  static final int MAX_BODY = 5 * 1024 * 1024;

  private final Map<String, ProviderWebhook> webhooks;
  private final ProviderEvents events;

  ProviderWebhooksController(List<ProviderWebhook> webhooks, ProviderEvents events) {
    this.webhooks = webhooks.stream().collect(Collectors.toMap(ProviderWebhook::name, Function.identity()));
    this.events = events;
  }

  @PostMapping("/webhooks/{provider}")
  ResponseEntity<?> receive(@PathVariable String provider, @org.springframework.web.bind.annotation.RequestHeader
      HttpHeaders headers, HttpServletRequest request) throws IOException {
    ProviderWebhook webhook = webhooks.get(provider);
    if (webhook == null || !webhook.enabled()) {
      throw new WebhookException(HttpStatus.NOT_FOUND, "no provider webhook at /webhooks/" + clip(provider));
    }
    byte[] body = body(request);
    ProviderWebhook.Batch batch = webhook.read(headers, body);
    Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
    try {
      for (ProviderEvent event : batch.events()) {
        outcomes.merge(events.record(event), 1, Integer::sum);
      }
    } catch (RuntimeException e) {
      // The provider retries a failed request; what was recorded already counts as ALREADY then.
      webhook.failed(body);
      throw e;
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("provider", provider);
    answer.put("events", batch.events().size());
    for (Outcome outcome : Outcome.values()) {
      answer.put(outcome.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), outcomes.getOrDefault(outcome, 0));
    }
    answer.put("ignored", batch.ignored());
    return ResponseEntity.ok(answer);
  }

  /** Providers only POST; anything else is answered here so that it is problem+json too. */
  @org.springframework.web.bind.annotation.RequestMapping(path = "/webhooks/{provider}", method = {
      org.springframework.web.bind.annotation.RequestMethod.GET, org.springframework.web.bind.annotation.RequestMethod.PUT,
      org.springframework.web.bind.annotation.RequestMethod.PATCH, org.springframework.web.bind.annotation.RequestMethod.DELETE})
  ResponseEntity<ProblemDetail> notPost() {
    return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).header(HttpHeaders.ALLOW, "POST")
        .body(ProblemDetail.forStatusAndDetail(HttpStatus.METHOD_NOT_ALLOWED, "webhooks are POSTed"));
  }

  @org.springframework.web.bind.annotation.ExceptionHandler(WebhookException.class)
  ResponseEntity<ProblemDetail> refused(WebhookException e, HttpServletRequest request) {
    log.info("Refused {} {}: {} {}", request.getMethod(), clip(request.getRequestURI()), e.status().value(),
        e.getMessage());
    ResponseEntity.BodyBuilder response = ResponseEntity.status(e.status());
    if (e.status() == HttpStatus.UNAUTHORIZED && request.getRequestURI().endsWith("/postmark")) {
      response.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"dripline-webhooks\"");
    }
    return response.body(ProblemDetail.forStatusAndDetail(e.status(), e.getMessage()));
  }

  /** A bug or the database failing: the provider retries later and learns nothing of our internals. */
  @org.springframework.web.bind.annotation.ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e) {
    if (e instanceof org.springframework.web.ErrorResponse refusal) {
      // Spring MVC's own refusal of the request (a media type, a header): its status, not a 500
      return ResponseEntity.status(refusal.getStatusCode()).headers(refusal.getHeaders()).body(refusal.getBody());
    }
    log.error("Provider webhook failed", e);
    return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(ProblemDetail.forStatusAndDetail(
        HttpStatus.INTERNAL_SERVER_ERROR, "the event could not be recorded (details in the server log); try again"));
  }

  private static byte[] body(HttpServletRequest request) throws IOException {
    if (request.getContentLengthLong() > MAX_BODY) {
      throw new WebhookException(HttpStatus.CONTENT_TOO_LARGE, "the body is larger than " + MAX_BODY + " bytes");
    }
    try (InputStream in = request.getInputStream()) {
      byte[] body = in.readNBytes(MAX_BODY + 1);
      if (body.length > MAX_BODY) {
        throw new WebhookException(HttpStatus.CONTENT_TOO_LARGE, "the body is larger than " + MAX_BODY + " bytes");
      }
      return body;
    }
  }

  private static String clip(String text) {
    return text == null ? "" : text.length() > 80 ? text.substring(0, 80) + "..." : text;
  }
}
