package org.dripline.tracking;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Open pixel and click redirect. A token that does not verify for exactly this purpose gets a
 * plain 404: no Location header, no database write, nothing that tells a prober why.
 */
@RestController
class TrackingController {

  private static final byte[] PIXEL = Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

  private final TokenSigner signer;
  private final TrackingStore store;
  private final EventWriter events;
  private final LinkTable links;
  private final MachineDetector detector;
  private final Clock clock;

  TrackingController(TokenSigner signer, TrackingStore store, EventWriter events, LinkTable links,
      MachineDetector detector, Clock clock) {
    this.signer = signer;
    this.store = store;
    this.events = events;
    this.links = links;
    this.detector = detector;
    this.clock = clock;
  }

  @GetMapping("/t/o/{token}")
  ResponseEntity<byte[]> open(@PathVariable String token,
      @RequestHeader(name = HttpHeaders.USER_AGENT, required = false) String userAgent) {
    TokenSigner.Claims claims = signer.verify(Purpose.OPEN, token).orElseThrow(InvalidLinkException::new);
    TrackingStore.Sent delivery = store.sent(claims.subject()).orElseThrow(InvalidLinkException::new);
    Instant now = clock.instant();
    events.record(new EventWriter.Event(delivery.id(), "OPEN", null, detector.open(userAgent, delivery.sentAt(), now), now));
    return ResponseEntity.ok().contentType(MediaType.IMAGE_GIF).cacheControl(CacheControl.noStore())
        .body(PIXEL);
  }

  /** GET and HEAD (Spring maps HEAD here too); HEAD is how many scanners probe links. */
  @GetMapping("/t/c/{token}")
  ResponseEntity<Void> click(@PathVariable String token, HttpServletRequest request,
      @RequestHeader(name = HttpHeaders.USER_AGENT, required = false) String userAgent) {
    TokenSigner.Claims claims = signer.verify(Purpose.CLICK, token).orElseThrow(InvalidLinkException::new);
    TrackingStore.Sent delivery = store.sent(claims.subject()).orElseThrow(InvalidLinkException::new);
    boolean head = "HEAD".equals(request.getMethod());
    Instant now = clock.instant();
    if (claims.link() == 0) {
      // The honeypot: invisible in the message, so whatever follows it is a machine.
      events.record(new EventWriter.Event(delivery.id(), "CLICK", null,
          detector.click(head, true, userAgent, delivery.sentAt(), now), now));
      return ResponseEntity.noContent().cacheControl(CacheControl.noStore()).build();
    }
    // The target comes from our link table only; nothing in the request is ever redirected to.
    String target = links.target(claims.link(), delivery.campaignId(), delivery.stepId())
        .orElseThrow(InvalidLinkException::new);
    events.record(new EventWriter.Event(delivery.id(), "CLICK", claims.link(),
        detector.click(head, false, userAgent, delivery.sentAt(), now), now));
    return ResponseEntity.status(HttpStatus.FOUND).header(HttpHeaders.LOCATION, target)
        .header("Referrer-Policy", "no-referrer").cacheControl(CacheControl.noStore()).build();
  }

  @ExceptionHandler(InvalidLinkException.class)
  ResponseEntity<String> notFound() {
    return notFoundResponse();
  }

  static ResponseEntity<String> notFoundResponse() {
    return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(new MediaType("text", "plain", StandardCharsets.UTF_8))
        .cacheControl(CacheControl.noStore()).body("This link is not valid.\n");
  }

}
