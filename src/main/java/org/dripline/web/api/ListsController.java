package org.dripline.web.api;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dripline.infra.InvalidInputException;
import org.dripline.infra.NotFoundException;
import org.dripline.lists.ListCatalog;
import org.dripline.lists.ListMemberships;
import org.dripline.lists.MailingList;
import org.dripline.signup.ConsentText;
import org.dripline.signup.SignupSettings;
import org.dripline.subscriber.Emails;
import org.dripline.subscriber.SubscriberDirectory;
import org.dripline.subscriber.SubscriberProfile;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Mailing lists over HTTP: {@code GET /api/lists} (each list with its member counts and the consent
 * text its sign-up form shows, with the version recorded on sign-up), {@code PUT
 * /api/lists/{id}/subscribers/{email}} puts a subscriber on a list (the operator vouches for the
 * consent, recorded with source {@code api}) and {@code DELETE} takes them off (source {@code api}).
 * Both are idempotent. Unknown list or subscriber 404, an invalid address 400, as problem+json
 * ({@link ApiProblems}).
 *
 * <p>The consent record must name a text that exists, or it proves nothing: {@code consentTextVersion}
 * is optional (as {@code consentVersion} is in {@code POST /api/subscribe}), and when given must be the
 * list's current version (the one {@code GET /api/lists} shows), else 400 naming the current one and
 * nothing written. Left out, the current version is recorded and the answer says so.
 */
@RestController
@ConditionalOnWebApplication
@RequestMapping(path = "/api/lists", produces = "application/json")
class ListsController {

  static final String SOURCE = "api";

  private final ListCatalog catalog;
  private final ListMemberships memberships;
  private final SubscriberDirectory directory;
  private final Clock clock;
  private final SignupSettings signup;

  ListsController(ListCatalog catalog, ListMemberships memberships, SubscriberDirectory directory, Clock clock,
      SignupSettings signup) {
    this.signup = signup;
    this.catalog = catalog;
    this.memberships = memberships;
    this.directory = directory;
    this.clock = clock;
  }

  record ListView(String id, String name, String description, boolean doubleOptIn, boolean signUpForm, long subscribed,
      long pending, long unsubscribed, ConsentView consent) {
  }

  /**
   * The consent a list's sign-up records, so an auditor can match a stored version to the text
   * behind it: {@code from} LIST (its file's own {@code consent}, version = short SHA-256 of the
   * text) or SERIES (no text of its own: {@code dripline.subscribe.consent-text} and its configured
   * version). Decided by {@link ConsentText#of}, the rule the sign-up form itself follows.
   */
  record ConsentView(From from, String version, String text) {

    enum From { LIST, SERIES }

    static ConsentView of(MailingList list, SignupSettings signup) {
      ConsentText consent = ConsentText.of(list, signup);
      return new ConsentView(list.consent().isEmpty() ? From.SERIES : From.LIST, consent.version(), consent.text());
    }
  }

  /**
   * A membership after the request.
   *
   * @param consentTextVersion        the version its consent record names (a member already subscribed
   *                                  keeps their first consent); null when never joined
   * @param consentTextVersionDefaulted true when the request named no version and the list's current one
   *                                  was used for the join
   */
  record MembershipView(String list, String email, String status, String consentTextVersion,
      boolean consentTextVersionDefaulted) {
  }

  @GetMapping
  List<ListView> lists() {
    Map<String, ListMemberships.Counts> counts = memberships.counts();
    return catalog.all().stream().map(list -> {
      ListMemberships.Counts n = counts.getOrDefault(list.id(), new ListMemberships.Counts(0, 0, 0));
      return new ListView(list.id(), list.name(), list.description(), list.doubleOptIn(), list.signUpForm(),
          n.subscribed(), n.pending(), n.unsubscribed(), ConsentView.of(list, signup));
    }).toList();
  }

  @PutMapping("/{id}/subscribers/{email}")
  MembershipView join(@PathVariable String id, @PathVariable String email,
      @RequestParam(required = false) String consentTextVersion) {
    MailingList list = catalog.require(id);
    SubscriberProfile subscriber = subscriber(email);
    // The text in force now, by the rule the list's own sign-up form records (its own text, else the series').
    ConsentText current = ConsentText.of(list, signup);
    if (current.isNot(consentTextVersion)) {
      throw new StaleConsentVersionException(list.id(), consentTextVersion, current.version());
    }
    memberships.join(subscriber.id(), list.id(), new ListMemberships.Consent(SOURCE, current.version(), null), true,
        clock.instant());
    return view(list, subscriber, consentTextVersion == null || consentTextVersion.isBlank());
  }

  /**
   * A consent version that is not the list's current one: the caller's subscriber agreed to a text
   * that is no longer (or never was) the one in force, so the join is refused. The problem names the
   * current version in {@code currentVersion} so a client can show the current text and ask again.
   */
  static final class StaleConsentVersionException extends InvalidFieldException {

    private final String current;

    StaleConsentVersionException(String listId, String given, String current) {
      super("consentTextVersion", "'" + org.dripline.campaign.Problem.escaped(clipped(given))
          + "' is not the consent text version of list '" + listId + "': the current one is '" + current
          + "' (GET /api/lists shows its text): send that once the subscriber has agreed to that text");
      this.current = current;
    }

    private static String clipped(String given) {
      return given.length() <= 60 ? given : given.substring(0, 60) + "...";
    }
  }

  /** Like every field problem ({@link ApiProblems}), plus the version the caller should have sent. */
  @ExceptionHandler(StaleConsentVersionException.class)
  ResponseEntity<ProblemDetail> staleConsentVersion(StaleConsentVersionException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    problem.setProperty("field", e.field());
    problem.setProperty("currentVersion", e.current);
    return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(problem);
  }

  @DeleteMapping("/{id}/subscribers/{email}")
  MembershipView leave(@PathVariable String id, @PathVariable String email) {
    MailingList list = catalog.require(id);
    SubscriberProfile subscriber = subscriber(email);
    memberships.leave(subscriber.id(), list.id(), SOURCE, clock.instant());
    return view(list, subscriber, false);
  }

  private SubscriberProfile subscriber(String email) {
    String normalized = Emails.normalize(email);
    if (!Emails.valid(normalized)) {
      throw new InvalidInputException("'" + org.dripline.campaign.Problem.escaped(email)
          + "' is not a valid email address");
    }
    return directory.findByEmail(normalized).orElseThrow(() -> new NotFoundException("no subscriber " + normalized
        + ": import or sign them up first"));
  }

  private MembershipView view(MailingList list, SubscriberProfile subscriber, boolean defaulted) {
    Optional<ListMemberships.Membership> membership = memberships.membership(subscriber.id(), list.id());
    return new MembershipView(list.id(), subscriber.email(),
        membership.map(m -> m.status().name()).orElse("NONE"),
        membership.map(m -> m.consent().consentTextVersion()).orElse(null), defaulted);
  }
}
