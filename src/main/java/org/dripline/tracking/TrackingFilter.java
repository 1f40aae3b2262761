package org.dripline.tracking;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Open pixel ({@code /t/o/{token}}) and click redirect ({@code /t/c/{token}}), served before
 * Spring MVC, Spring Security and the request observations: these are the busiest URLs of the
 * app, public, cookie-free and answered from one token check and at most one primary-key read,
 * and the dispatch around them cost more CPU than the work itself (docs/benchmarks.md). A token
 * that does not verify for exactly this purpose gets a plain 404: no Location header, no
 * database write, nothing that tells a prober why.
 */
final class TrackingFilter implements Filter {

  static final String OPEN = "/t/o/";
  static final String CLICK = "/t/c/";

  private static final byte[] NOT_FOUND = InvalidLinkException.TEXT.getBytes(StandardCharsets.UTF_8);
  private static final byte[] PIXEL = Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

  private final TokenSigner signer;
  private final TrackingStore store;
  private final RecentDeliveries recent;
  private final EventWriter events;
  private final LinkTable links;
  private final MachineDetector detector;
  private final Clock clock;

  TrackingFilter(TokenSigner signer, TrackingStore store, RecentDeliveries recent, EventWriter events,
      LinkTable links, MachineDetector detector, Clock clock) {
    this.signer = signer;
    this.store = store;
    this.recent = recent;
    this.events = events;
    this.links = links;
    this.detector = detector;
    this.clock = clock;
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    HttpServletResponse response = (HttpServletResponse) res;
    // The raw URI, as Spring matched it before: a path Tomcat normalized into ours from something
    // else ("/x/../t/o/..."), or with more than one segment, goes on to the firewall and MVC as ever.
    String uri = request.getRequestURI();
    int start = request.getContextPath().length();
    boolean open = uri.startsWith(OPEN, start);
    boolean click = uri.startsWith(CLICK, start);
    String token = open || click ? uri.substring(start + OPEN.length()) : "";
    if (token.isEmpty() || token.indexOf('/') >= 0) {
      chain.doFilter(request, response);
      return;
    }
    String method = request.getMethod();
    boolean head = "HEAD".equals(method);
    if (!head && !"GET".equals(method)) {
      notGetOrHead(method, response);
    } else if (open) {
      open(token, request, response);
    } else {
      click(token, head, request, response);
    }
  }

  private void open(String token, HttpServletRequest request, HttpServletResponse response) throws IOException {
    Instant now = clock.instant();
    Optional<TrackingStore.Sent> delivery = signer.verify(Purpose.OPEN, token).flatMap(claims -> sent(claims, now));
    if (delivery.isEmpty()) {
      notFound(response);
      return;
    }
    String userAgent = request.getHeader("User-Agent");
    events.record(new EventWriter.Event(delivery.get().id(), "OPEN", null,
        detector.open(userAgent, delivery.get().sentAt(), now), now));
    response.setContentType("image/gif");
    response.setHeader("Cache-Control", "no-store");
    response.setContentLength(PIXEL.length);
    response.getOutputStream().write(PIXEL);
  }

  /** HEAD is how many scanners probe links: answered like GET (without a body), flagged as a machine. */
  private void click(String token, boolean head, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Instant now = clock.instant();
    Optional<TokenSigner.Claims> claims = signer.verify(Purpose.CLICK, token);
    Optional<TrackingStore.Sent> delivery = claims.flatMap(c -> sent(c, now));
    if (delivery.isEmpty()) {
      notFound(response);
      return;
    }
    long link = claims.get().link();
    TrackingStore.Sent sent = delivery.get();
    String userAgent = request.getHeader("User-Agent");
    response.setHeader("Cache-Control", "no-store");
    if (link == 0) {
      // The honeypot: invisible in the message, so whatever follows it is a machine.
      events.record(new EventWriter.Event(sent.id(), "CLICK", null,
          detector.click(head, true, userAgent, sent.sentAt(), now), now));
      response.setStatus(HttpServletResponse.SC_NO_CONTENT);
      return;
    }
    // The target comes from our link table only; nothing in the request is ever redirected to.
    Optional<String> target = links.target(link, sent.campaignId(), sent.stepId());
    if (target.isEmpty()) {
      notFound(response);
      return;
    }
    events.record(new EventWriter.Event(sent.id(), "CLICK", link,
        detector.click(head, false, userAgent, sent.sentAt(), now), now));
    response.setStatus(HttpServletResponse.SC_FOUND);
    response.setHeader("Location", target.get());
    response.setHeader("Referrer-Policy", "no-referrer");
  }

  /**
   * One primary-key read, or none for a delivery seen lately: a row is kept only once nothing an
   * event needs of it can change (its step never does; its send time is written once, and a
   * verdict stops depending on it after the machine window).
   */
  private Optional<TrackingStore.Sent> sent(TokenSigner.Claims claims, Instant now) {
    TrackingStore.Sent cached = recent.get(claims.subject());
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<TrackingStore.Sent> sent = store.sent(claims.subject());
    sent.filter(s -> detector.settled(s.sentAt(), now)).ifPresent(recent::put);
    return sent;
  }

  private static void notFound(HttpServletResponse response) throws IOException {
    response.reset();
    response.setStatus(HttpServletResponse.SC_NOT_FOUND);
    response.setContentType(InvalidLinkException.CONTENT_TYPE);
    response.setHeader("Cache-Control", "no-store");
    response.setContentLength(NOT_FOUND.length);
    response.getOutputStream().write(NOT_FOUND);
  }

  /** As Spring MVC answered for a GET mapping: OPTIONS lists the methods, anything else is a 405. */
  private static void notGetOrHead(String method, HttpServletResponse response) throws IOException {
    if ("OPTIONS".equals(method)) {
      response.setHeader("Allow", "GET,HEAD,OPTIONS");
      response.setStatus(HttpServletResponse.SC_OK);
    } else {
      response.setHeader("Allow", "GET");
      response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
    }
  }
}
