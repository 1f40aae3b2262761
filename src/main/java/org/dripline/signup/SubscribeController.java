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
import org.dripline.lists.ListMemberships;
import org.dripline.lists.MailingList;
import org.dripline.subscriber.Emails;
import org.dripline.subscriber.Subscriptions;
import org.dripline.tracking.InvalidLinkException;
import org.dripline.tracking.Purpose;
import org.dripline.tracking.TokenSigner;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
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
  private final SignupSettings settings;
  private final List<String> tags;
  private final Duration linkLifetime;
  private final ListSignUps lists;

  SubscribeController(Subscriptions subscriptions, TokenSigner signer, SignUpLimiter limiter, ConfirmationMailer mailer,
      Clock clock, SignupSettings settings, InfraSettings infra, ListSignUps lists) {
    this.lists = lists;
    this.subscriptions = subscriptions;
    this.signer = signer;
    this.limiter = limiter;
    this.mailer = mailer;
    this.clock = clock;
    this.baseUrl = infra.baseUrl();
    this.settings = settings;
    this.tags = settings.tags();
    this.linkLifetime = settings.linkLifetime();
  }

  /**
   * {@code list}: the id of a list with a sign-up form, or null/empty for the series sign-up. {@code
   * consentVersion}: optional, the version of the consent text the visitor was shown; a sign-up naming another
   * version than the one in force is refused, so the record never names a text the visitor did not read.
   */
  record Form(String email, String firstName, String timezone, Boolean consent, String list, String consentVersion) {
  }

  @GetMapping("/subscribe")
  String form(@RequestParam(defaultValue = "") String list, Model model, HttpServletResponse response) {
    // The form may be linked from anywhere, but not framed by another site.
    response.setHeader("X-Frame-Options", "DENY");
    Optional<MailingList> chosen = lists.formList(list);
    if (!list.isEmpty() && chosen.isEmpty()) {
      response.setStatus(HttpStatus.NOT_FOUND.value());
      return page(model, "", "", "", ListSignUps.unknown(list), false, null);
    }
    return page(model, "", "", "", null, false, chosen.orElse(null));
  }

  /** A page per list: {@code /subscribe/stories-weekly} is the form of that list. */
  @GetMapping("/subscribe/{list}")
  String listForm(@PathVariable String list, Model model, HttpServletResponse response) {
    return form(list, model, response);
  }

  @PostMapping("/subscribe")
  String submit(@RequestParam(defaultValue = "") String email, @RequestParam(defaultValue = "") String firstName,
      @RequestParam(defaultValue = "") String timezone, @RequestParam(defaultValue = "") String consent,
      @RequestParam(defaultValue = "") String list, @RequestParam(defaultValue = "") String consentVersion,
      HttpServletRequest request, HttpServletResponse response, Model model) {
    Optional<MailingList> chosen = lists.formList(list);
    if (!list.isEmpty() && chosen.isEmpty()) {
      // Checked first: an unknown list writes nothing and is not a sign-up attempt at all.
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      return page(model, email, firstName, timezone, ListSignUps.unknown(list), false, null);
    }
    if (!limiter.clientAllowed(request.getRemoteAddr())) {
      response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
      return page(model, email, firstName, timezone, "Too many sign-ups from your network. Please try again later.",
          false, chosen.orElse(null));
    }
    Optional<String> problem = signUp(new Form(email, firstName, timezone, "yes".equals(consent), list, consentVersion),
        "FORM",
        chosen.orElse(null), request.getRemoteAddr());
    if (problem.isPresent()) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      return page(model, email, firstName, timezone, problem.get(), false, chosen.orElse(null));
    }
    return page(model, "", "", "", null, true, chosen.orElse(null));
  }

  @PostMapping(value = "/api/subscribe", consumes = "application/json", produces = "application/json")
  @ResponseBody
  ResponseEntity<?> api(@RequestBody Form form, HttpServletRequest request) {
    String list = form.list() == null ? "" : form.list().strip();
    Optional<MailingList> chosen = lists.formList(list);
    if (!list.isEmpty() && chosen.isEmpty()) {
      ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ListSignUps.unknown(list));
      problem.setProperty("field", "list");
      return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
    if (!limiter.clientAllowed(request.getRemoteAddr())) {
      return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).body(Map.of("error", "too many requests"));
    }
    Optional<String> problem = signUp(form, "API", chosen.orElse(null), request.getRemoteAddr());
    return problem.<ResponseEntity<?>>map(p -> ResponseEntity.badRequest().body(Map.of("error", p)))
        .orElseGet(() -> ResponseEntity.accepted().body(Map.of("status", "pending", "message",
            chosen.map(ListSignUps::answer).orElse(SAME_ANSWER))));
  }

  /** A problem with the input itself (never with the address's standing), or empty when accepted. */
  private Optional<String> signUp(Form form, String source, MailingList list, String ip) {
    String email = Emails.normalize(form.email());
    if (!Emails.valid(email)) {
      return Optional.of("Please enter a valid email address.");
    }
    if (!Boolean.TRUE.equals(form.consent())) {
      return Optional.of("Please tick the box to agree to receive our emails.");
    }
    // The text the visitor agreed to is the one the record names: the list's own, else the series-wide one.
    ConsentText consent = ConsentText.of(list, settings);
    if (consent.isNot(form.consentVersion())) {
      // The page was older than the text in force (an edited list file, a cached archive page): ask again.
      return Optional.of("The consent text has changed since this page was loaded. Please read it again and tick"
          + " the box.");
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
    // A list sign-up gives no series tags: the tags put people into the series' audience. A new address's own
    // consent record names the text it was shown, as its list membership does.
    Optional<Long> id = subscriptions.signUp(new Subscriptions.SignUp(email, firstName == null || firstName.isEmpty()
        ? null : firstName, timezone, source, consent.version(), list == null ? tags : List.of()), now);
    if (list != null) {
      lists.signUp(list, email, id, new ListMemberships.Consent(source, consent.version(), ip), now)
          .filter(pending -> limiter.addressAllowed(email))
          .ifPresent(pending -> mailer.sendLater(email, firstName, baseUrl + "/confirm/"
              + signer.sign(Purpose.CONFIRM, pending, now.plus(linkLifetime).getEpochSecond()) + "/" + list.id(),
              list.name()));
      return Optional.empty();
    }
    if (id.isPresent() && limiter.addressAllowed(email)) {
      long expires = now.plus(linkLifetime).getEpochSecond();
      mailer.sendLater(email, firstName, baseUrl + "/confirm/" + signer.sign(Purpose.CONFIRM, id.get(), expires), null);
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
    model.addAttribute("listId", "");
    model.addAttribute("listName", "");
    return "confirm";
  }

  /** The confirmation of one list's membership (double opt-in per list); GET only shows the button. */
  @GetMapping("/confirm/{token}/{list}")
  String confirmListPage(@PathVariable String token, @PathVariable String list, Model model,
      HttpServletResponse response) {
    Subscriptions.Subscriber subscriber = pending(token);
    MailingList chosen = lists.find(list).orElseThrow(InvalidLinkException::new);
    PrivatePages.protect(response);
    model.addAttribute("token", token);
    model.addAttribute("email", subscriber.email());
    model.addAttribute("done", lists.confirmed(subscriber.id(), chosen) && !Subscriptions.PENDING.equals(subscriber.status()));
    model.addAttribute("listId", chosen.id());
    model.addAttribute("listName", chosen.name());
    return "confirm";
  }

  @PostMapping("/confirm/{token}/{list}")
  String confirmList(@PathVariable String token, @PathVariable String list, Model model, HttpServletResponse response) {
    Subscriptions.Subscriber subscriber = pending(token);
    MailingList chosen = lists.find(list).orElseThrow(InvalidLinkException::new);
    Instant now = clock.instant();
    // The address is proven by the link: a new address becomes a subscriber, and the list's membership starts.
    subscriptions.confirm(subscriber.id(), now);
    lists.confirm(subscriber.id(), chosen, now);
    PrivatePages.protect(response);
    model.addAttribute("token", token);
    model.addAttribute("email", subscriber.email());
    model.addAttribute("done", true);
    model.addAttribute("listId", chosen.id());
    model.addAttribute("listName", chosen.name());
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
    model.addAttribute("listId", "");
    model.addAttribute("listName", "");
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

  private String page(Model model, String email, String firstName, String timezone, String error, boolean sent,
      MailingList list) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("email", email);
    values.put("firstName", firstName);
    values.put("timezone", timezone);
    model.addAttribute("form", values);
    model.addAttribute("error", error == null ? "" : error);
    model.addAttribute("sent", sent);
    model.addAttribute("message", list == null ? SAME_ANSWER : ListSignUps.answer(list));
    model.addAttribute("listId", list == null ? "" : list.id());
    model.addAttribute("listName", list == null ? "" : list.name());
    model.addAttribute("listDescription", list == null ? "" : list.description());
    ConsentText consent = ConsentText.of(list, settings);
    model.addAttribute("consentText", consent.text());
    model.addAttribute("consentVersion", consent.version());
    return "subscribe";
  }
}
