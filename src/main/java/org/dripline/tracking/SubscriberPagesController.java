package org.dripline.tracking;

import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.dripline.campaign.CampaignCatalog;
import org.dripline.infra.HeaderText;
import org.dripline.infra.PrivatePages;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The pages a subscriber reaches from a message: unsubscribe (RFC 8058 one-click POST; GET only
 * shows a button, so link scanners unsubscribe nobody), preferences, and the web view. No login,
 * cookies or CSRF token: the signed token is the credential, and it is good for one delivery's
 * subscriber only.
 */
@Controller
public class SubscriberPagesController {

  private final TokenSigner signer;
  private final TrackingStore store;
  private final SubscriberRequests requests;
  private final WebView webView;
  private final CampaignCatalog catalog;
  private final ListPreferences lists;
  private final Clock clock;

  SubscriberPagesController(TokenSigner signer, TrackingStore store, SubscriberRequests requests, WebView webView,
      CampaignCatalog catalog, ListPreferences lists, Clock clock) {
    this.lists = lists;
    this.signer = signer;
    this.store = store;
    this.requests = requests;
    this.webView = webView;
    this.catalog = catalog;
    this.clock = clock;
  }

  @GetMapping("/u/{token}")
  String unsubscribePage(@PathVariable String token, Model model, HttpServletResponse response) {
    TrackingStore.Delivery delivery = verified(Purpose.UNSUBSCRIBE, token);
    PrivatePages.protect(response);
    model.addAttribute("token", token);
    model.addAttribute("campaign", campaignName(delivery));
    model.addAttribute("done", false);
    return "unsubscribe";
  }

  /**
   * The one-click POST (form-urlencoded or multipart {@code List-Unsubscribe=One-Click}) and the
   * page's button both land here; the answer is a 200 page, never a redirect (RFC 8058).
   */
  @PostMapping("/u/{token}")
  String unsubscribe(@PathVariable String token, Model model, HttpServletResponse response) {
    TrackingStore.Delivery delivery = verified(Purpose.UNSUBSCRIBE, token);
    requests.unsubscribe(delivery, "one-click delivery " + delivery.id(), clock.instant());
    PrivatePages.protect(response);
    model.addAttribute("token", token);
    model.addAttribute("campaign", campaignName(delivery));
    model.addAttribute("done", true);
    return "unsubscribe";
  }

  @GetMapping("/p/{token}")
  String preferences(@PathVariable String token, Model model, HttpServletResponse response) {
    TrackingStore.Delivery delivery = verified(Purpose.PREFERENCES, token);
    return preferencesPage(token, delivery, null, model, response);
  }

  @PostMapping("/p/{token}")
  String changePreferences(@PathVariable String token, @RequestParam(defaultValue = "") String action,
      @RequestParam(defaultValue = "0") String weeks, @RequestParam(defaultValue = "") String firstName,
      @RequestParam(defaultValue = "") String tracking, @RequestParam(defaultValue = "") String list,
      @RequestParam(defaultValue = "") String join, Model model, HttpServletResponse response) {
    TrackingStore.Delivery delivery = verified(Purpose.PREFERENCES, token);
    Instant now = clock.instant();
    String saved;
    switch (action) {
      case "pause" -> {
        int n = weeks.matches("[1-4]") ? Integer.parseInt(weeks) : 0;
        if (n == 0) {
          return preferencesPage(token, delivery, "Choose a pause of 1 to 4 weeks.", model, response);
        }
        requests.pause(delivery, now.plus(Duration.ofDays(7L * n)));
        saved = "This series is paused for " + n + (n == 1 ? " week." : " weeks.");
      }
      case "leave-series" -> {
        requests.leaveSeries(delivery);
        saved = "You will get no more emails from this series.";
      }
      case "unsubscribe" -> {
        requests.unsubscribe(delivery, "preferences delivery " + delivery.id(), now);
        saved = "You are unsubscribed from everything. You will get no more emails from us.";
      }
      case "rename" -> {
        String name = HeaderText.clean(firstName);
        if (name.length() > 200) {
          return preferencesPage(token, delivery, "That name is too long (200 characters at most).", model, response);
        }
        requests.rename(delivery, name.isEmpty() ? null : name, now);
        saved = "Your name is saved.";
      }
      case "tracking" -> {
        boolean optOut = "off".equals(tracking);
        requests.trackingOptOut(delivery, optOut, now);
        saved = optOut ? "We will not track opens or clicks in your emails." : "Open and click tracking is on.";
      }
      case "list" -> {
        // A list toggle: only for someone still subscribed (after "unsubscribe from everything" the page has none).
        var changed = delivery.subscribed() ? lists.change(delivery.subscriberId(), list, "yes".equals(join), now)
            : java.util.Optional.<String>empty();
        if (changed.isEmpty()) {
          return preferencesPage(token, delivery, "Please choose one of the lists.", model, response);
        }
        saved = changed.get();
      }
      default -> {
        return preferencesPage(token, delivery, "Please choose one of the options.", model, response);
      }
    }
    return preferencesPage(token, store.delivery(delivery.id()).orElseThrow(InvalidLinkException::new), saved,
        model, response);
  }

  private String preferencesPage(String token, TrackingStore.Delivery delivery, String message, Model model,
      HttpServletResponse response) {
    PrivatePages.protect(response);
    Instant now = clock.instant();
    model.addAttribute("token", token);
    model.addAttribute("campaign", campaignName(delivery));
    model.addAttribute("message", message == null ? "" : message);
    model.addAttribute("firstName", delivery.firstName() == null ? "" : delivery.firstName());
    model.addAttribute("email", delivery.email());
    model.addAttribute("subscribed", delivery.subscribed());
    model.addAttribute("inSeries", delivery.inSeries());
    model.addAttribute("pausedUntil", delivery.paused(now) ? delivery.pausedUntil().toString().substring(0, 10) : "");
    model.addAttribute("trackingOn", !delivery.trackingOptOut());
    // Maps, not the records: the page's FreeMarker reads properties, and a record has accessor methods.
    model.addAttribute("lists", delivery.subscribed() ? lists.toggles(delivery.subscriberId()).stream()
        .map(t -> java.util.Map.of("id", t.id(), "name", t.name(), "description", t.description(), "member", t.member(),
            "pending", t.pending(), "consent", t.consent())).toList() : java.util.List.of());
    return "preferences";
  }

  @GetMapping("/v/{token}")
  ResponseEntity<String> view(@PathVariable String token) {
    TrackingStore.Delivery delivery = verified(Purpose.WEB_VIEW, token);
    // Marketers' HTML on our origin: no scripts, no forms, nothing but images and inline styles.
    return ResponseEntity.ok()
        .header("Content-Security-Policy", "default-src 'none'; img-src https: http: data:; style-src 'unsafe-inline';"
            + " form-action 'none'; frame-ancestors 'none'; base-uri 'none'")
        .header("Referrer-Policy", "no-referrer").header("X-Robots-Tag", "noindex")
        .cacheControl(CacheControl.noStore())
        .contentType(new MediaType("text", "html", StandardCharsets.UTF_8))
        .body(webView.html(delivery));
  }

  @ExceptionHandler(InvalidLinkException.class)
  ResponseEntity<String> notFound() {
    return InvalidLinkException.response();
  }

  private TrackingStore.Delivery verified(Purpose purpose, String token) {
    TokenSigner.Claims claims = signer.verify(purpose, token).orElseThrow(InvalidLinkException::new);
    return store.delivery(claims.subject()).orElseThrow(InvalidLinkException::new);
  }

  private String campaignName(TrackingStore.Delivery delivery) {
    try {
      return catalog.load(delivery.campaignId()).name();
    } catch (RuntimeException e) {
      return delivery.campaignId();
    }
  }
}
