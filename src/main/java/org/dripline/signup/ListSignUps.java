package org.dripline.signup;

import java.time.Instant;
import java.util.Optional;
import org.dripline.lists.ListCatalog;
import org.dripline.lists.ListMemberships;
import org.dripline.lists.MailingList;
import org.dripline.subscriber.Subscriptions;
import org.dripline.subscriber.SubscriberDirectory;
import org.dripline.subscriber.SubscriberProfile;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sign-up to one list (the form {@code /subscribe/<list>}, or {@code list} in the form or the
 * API). The list's own {@code double_opt_in} decides: on, the membership stays PENDING until the
 * confirmation mail's link confirms that list (and the address, if it is new); off, the sign-up
 * itself is the consent. As for the series sign-up, the answer never says who is on a list.
 */
@Component
class ListSignUps {

  private final ListCatalog catalog;
  private final ListMemberships memberships;
  private final Subscriptions subscriptions;
  private final SubscriberDirectory directory;

  ListSignUps(ListCatalog catalog, ListMemberships memberships, Subscriptions subscriptions,
      SubscriberDirectory directory) {
    this.catalog = catalog;
    this.memberships = memberships;
    this.subscriptions = subscriptions;
    this.directory = directory;
  }

  /** The list behind a form's {@code list} value: one that exists and has {@code sign_up_form: true}. */
  Optional<MailingList> formList(String id) {
    return id == null || id.isBlank() ? Optional.empty() : catalog.find(id.strip()).filter(MailingList::signUpForm);
  }

  /** Any existing list (a confirmation link stays good if the form is later taken off the list). */
  Optional<MailingList> find(String id) {
    return catalog.find(id);
  }

  static String unknown(String id) {
    return "There is no list '" + org.dripline.campaign.Problem.escaped(id) + "' to sign up for.";
  }

  /** What the visitor is told after a valid request, whoever they are. */
  static String answer(MailingList list) {
    return list.doubleOptIn()
        ? "If this address can join " + list.name() + ", a confirmation email is on its way. Please open the link in it."
        : "Thank you: if this address can join " + list.name() + ", it is on the list now.";
  }

  /**
   * Joins {@code email} (already passed through the series sign-up, {@code pendingId} its answer) to
   * the list. Returns the subscriber id to send a list confirmation to, or empty when none is due:
   * a single opt-in list, someone already on the list, or an address that left everything.
   */
  @Transactional
  Optional<Long> signUp(MailingList list, String email, Optional<Long> pendingId, ListMemberships.Consent consent,
      Instant now) {
    Long id = pendingId.orElse(null);
    if (id == null) {
      // An existing address: only an active subscriber joins; one who unsubscribed stays out (same answer).
      Optional<SubscriberProfile> known = directory.findByEmail(email).filter(p -> "ACTIVE".equals(p.status()));
      if (known.isEmpty()) {
        return Optional.empty();
      }
      id = known.get().id();
    }
    if (!list.doubleOptIn()) {
      subscriptions.confirm(id, now); // a new address: the sign-up is the consent (single opt-in)
      memberships.join(id, list.id(), consent, true, now);
      return Optional.empty();
    }
    if (memberships.statusesOf(id).get(list.id()) == ListMemberships.Status.SUBSCRIBED) {
      return Optional.empty();
    }
    memberships.join(id, list.id(), consent, false, now);
    return Optional.of(id);
  }

  boolean confirmed(long subscriberId, MailingList list) {
    return memberships.statusesOf(subscriberId).get(list.id()) == ListMemberships.Status.SUBSCRIBED;
  }

  void confirm(long subscriberId, MailingList list, Instant now) {
    memberships.confirm(subscriberId, list.id(), now);
  }
}
