package org.dripline.web.api;

import java.time.Clock;
import java.util.List;
import java.util.Map;
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
import org.springframework.web.bind.annotation.DeleteMapping;
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
 * consent, recorded with source {@code api}; {@code consentTextVersion} optional) and {@code DELETE}
 * takes them off (source {@code api}). Both are idempotent. Unknown list or subscriber 404, an
 * invalid address 400, as problem+json ({@link ApiProblems}).
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

  record MembershipView(String list, String email, String status) {
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
    if (consentTextVersion != null && (consentTextVersion.isBlank() || consentTextVersion.length() > 40)) {
      throw new InvalidFieldException("consentTextVersion", "'consentTextVersion' must be 1 to 40 characters");
    }
    memberships.join(subscriber.id(), list.id(), new ListMemberships.Consent(SOURCE, consentTextVersion, null), true,
        clock.instant());
    return view(list, subscriber);
  }

  @DeleteMapping("/{id}/subscribers/{email}")
  MembershipView leave(@PathVariable String id, @PathVariable String email) {
    MailingList list = catalog.require(id);
    SubscriberProfile subscriber = subscriber(email);
    memberships.leave(subscriber.id(), list.id(), SOURCE, clock.instant());
    return view(list, subscriber);
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

  private MembershipView view(MailingList list, SubscriberProfile subscriber) {
    ListMemberships.Status status = memberships.statusesOf(subscriber.id()).get(list.id());
    return new MembershipView(list.id(), subscriber.email(), status == null ? "NONE" : status.name());
  }
}
