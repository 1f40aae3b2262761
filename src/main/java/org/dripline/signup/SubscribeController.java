package org.dripline.signup;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dripline.infra.HeaderText;
import org.dripline.infra.InfraSettings;
import org.dripline.infra.PrivatePages;
import org.dripline.subscriber.Emails;
import org.dripline.subscriber.Subscriptions;
import org.dripline.tracking.InvalidLinkException;
import org.dripline.tracking.Purpose;
import org.dripline.tracking.TokenSigner;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * Double opt-in: the public form and JSON endpoint, and the confirmation link. Whatever the
 * address (new, pending, subscribed, unsubscribed), a valid request gets the same answer, and
 * the mail goes out in the background, so neither the answer nor its timing says who is on the list.
 */
@Controller
public class SubscribeController {

  public static final String SAME_ANSWER = "If this address can subscribe, a confirmation email is on its way."
      + " Please open the link in it to start receiving our emails.";

  private final Subscriptions subscriptions;
  private final TokenSigner signer;
  private final SignUpLimiter limiter;
  private final ConfirmationMailer mailer;
  private final Clock clock;
  private final String baseUrl;
  private final String consentText;
  private final String consentVersion;
  private final List<String> tags;
  private final Duration linkLifetime;

  SubscribeController(Subscriptions subscriptions, TokenSigner signer, SignUpLimiter limiter, ConfirmationMailer mailer,
      Clock clock, SignupSettings settings, InfraSettings infra) {
    this.subscriptions = subscriptions;
    this.signer = signer;
    this.limiter = limiter;
    this.mailer = mailer;
    this.clock = clock;
    this.baseUrl = infra.baseUrl();
    this.consentText = settings.consentText();
    this.consentVersion = settings.consentTextVersion();
    this.tags = settings.tags();
    this.linkLifetime = settings.linkLifetime();
  }

  record Form(String email, String firstName, String timezone, Boolean consent) {
  }

  @GetMapping("/subscribe")
  String form(Model model, HttpServletResponse response) {
    // The form may be linked from anywhere, but not framed by another site.
    response.setHeader("X-Frame-Options", "DENY");
    return page(model, "", "", "", null, false);
  }

  @PostMapping("/subscribe")
  String submit(@RequestParam(defaultValue = "") String email, @RequestParam(defaultValue = "") String firstName,
      @RequestParam(defaultValue = "") String timezone, @RequestParam(defaultValue = "") String consent,
      HttpServletRequest request, HttpServletResponse response, Model model) {
    if (!limiter.clientAllowed(request.getRemoteAddr())) {
      response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
      return page(model, email, firstName, timezone, "Too many sign-ups from your network. Please try again later.", false);
    }
    Optional<String> problem = signUp(new Form(email, firstName, timezone, "yes".equals(consent)), "FORM");
    if (problem.isPresent()) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      return page(model, email, firstName, timezone, problem.get(), false);
    }
    return page(model, "", "", "", null, true);
  }

  @PostMapping(value = "/api/subscribe", consumes = "application/json", produces = "application/json")
  @ResponseBody
  ResponseEntity<Map<String, String>> api(@RequestBody Form form, HttpServletRequest request) {
    if (!limiter.clientAllowed(request.getRemoteAddr())) {
      return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).body(Map.of("error", "too many requests"));
    }
    Optional<String> problem = signUp(form, "API");
    return problem.map(p -> ResponseEntity.badRequest().body(Map.of("error", p)))
        .orElseGet(() -> ResponseEntity.accepted().body(Map.of("status", "pending", "message", SAME_ANSWER)));
  }

  /** A problem with the input itself (never with the address's standing), or empty when accepted. */
  private Optional<String> signUp(Form form, String source) {
    String email = Emails.normalize(form.email());
    if (!Emails.valid(email)) {
      return Optional.of("Please enter a valid email address.");
    }
    if (!Boolean.TRUE.equals(form.consent())) {
      return Optional.of("Please tick the box to agree to receive our emails.");
    }
    String firstName = HeaderText.clean(form.firstName());
    if (firstName != null && firstName.length() > 200) {
      return Optional.of("The first name is too long.");
    }
    String timezone = form.timezone() == null || form.timezone().isBlank() ? null : form.timezone().strip();
    if (timezone != null) {
      try {
        timezone = ZoneId.of(timezone).getId();
      } catch (DateTimeException e) {
        return Optional.of("Unknown time zone.");
      }
    }
    Instant now = clock.instant();
    Optional<Long> id = subscriptions.signUp(new Subscriptions.SignUp(email, firstName == null || firstName.isEmpty()
        ? null : firstName, timezone, source, consentVersion, tags), now);
    if (id.isPresent() && limiter.addressAllowed(email)) {
      long expires = now.plus(linkLifetime).getEpochSecond();
      mailer.sendLater(email, firstName, baseUrl + "/confirm/" + signer.sign(Purpose.CONFIRM, id.get(), expires));
    }
    return Optional.empty();
  }

  /** GET only shows a button: a mail scanner following the link must not confirm anyone. */
  @GetMapping("/confirm/{token}")
  String confirmPage(@PathVariable String token, Model model, HttpServletResponse response) {
    Subscriptions.Subscriber subscriber = pending(token);
    PrivatePages.protect(response);
    model.addAttribute("token", token);
    model.addAttribute("email", subscriber.email());
    model.addAttribute("done", !Subscriptions.PENDING.equals(subscriber.status()));
    return "confirm";
  }

  @PostMapping("/confirm/{token}")
  String confirm(@PathVariable String token, Model model, HttpServletResponse response) {
    Subscriptions.Subscriber subscriber = pending(token);
    subscriptions.confirm(subscriber.id(), clock.instant());
    PrivatePages.protect(response);
    model.addAttribute("token", token);
    model.addAttribute("email", subscriber.email());
    model.addAttribute("done", true);
    return "confirm";
  }

  @ExceptionHandler(InvalidLinkException.class)
  ResponseEntity<String> notFound() {
    return InvalidLinkException.response();
  }

  /** A confirm token carries the subscriber id and its expiry (epoch seconds), both signed. */
  private Subscriptions.Subscriber pending(String token) {
    TokenSigner.Claims claims = signer.verify(Purpose.CONFIRM, token).orElseThrow(InvalidLinkException::new);
    if (Instant.ofEpochSecond(claims.link()).isBefore(clock.instant())) {
      throw new InvalidLinkException();
    }
    return subscriptions.find(claims.subject()).orElseThrow(InvalidLinkException::new);
  }

  private String page(Model model, String email, String firstName, String timezone, String error, boolean sent) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("email", email);
    values.put("firstName", firstName);
    values.put("timezone", timezone);
    model.addAttribute("form", values);
    model.addAttribute("error", error == null ? "" : error);
    model.addAttribute("sent", sent);
    model.addAttribute("message", SAME_ANSWER);
    model.addAttribute("consentText", consentText);
    model.addAttribute("consentVersion", consentVersion);
    return "subscribe";
  }
}
