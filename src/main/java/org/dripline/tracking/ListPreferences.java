package org.dripline.tracking;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dripline.lists.ListCatalog;
import org.dripline.lists.ListMemberships;
import org.dripline.lists.MailingList;
import org.springframework.stereotype.Component;

/**
 * The preference page's lists: every list with the subscriber's standing on it, and the join and
 * leave toggles. The page's signed token is the proof that the visitor reads the subscriber's mail,
 * so joining here needs no confirmation mail, even on a double opt-in list. A list with its own
 * consent text shows it next to its join button and a join records that text's version; a list
 * without one records the version "preferences" (the page offered only the list's name and
 * description). Leaving records the source "preferences". "Unsubscribe from everything" stays on the page beside these.
 */
@Component
public class ListPreferences {

  /** The consent source recorded for a join on the preference page, and the version of a list without its own text. */
  static final String SOURCE = "preferences";

  private final ListCatalog catalog;
  private final ListMemberships memberships;

  ListPreferences(ListCatalog catalog, ListMemberships memberships) {
    this.catalog = catalog;
    this.memberships = memberships;
  }

  /**
   * One list on the page.
   *
   * @param member  subscribed (or pending confirmation): the toggle offers to leave
   * @param pending joined but not confirmed yet: said on the page, and the toggle still offers to leave
   * @param consent the list's own consent text, shown next to the join button; empty when it has none
   */
  public record Toggle(String id, String name, String description, boolean member, boolean pending, String consent) {
  }

  public List<Toggle> toggles(long subscriberId) {
    Map<String, ListMemberships.Status> statuses = memberships.statusesOf(subscriberId);
    return catalog.all().stream().map(list -> {
      ListMemberships.Status status = statuses.get(list.id());
      return new Toggle(list.id(), list.name(), list.description(),
          status == ListMemberships.Status.SUBSCRIBED || status == ListMemberships.Status.PENDING,
          status == ListMemberships.Status.PENDING, list.consent());
    }).toList();
  }

  /** What to tell the visitor, or empty when {@code listId} is no list (the page then asks to choose again). */
  public Optional<String> change(long subscriberId, String listId, boolean join, Instant now) {
    Optional<MailingList> list = catalog.find(listId);
    if (list.isEmpty()) {
      return Optional.empty();
    }
    if (join) {
      String version = list.get().consent().isEmpty() ? SOURCE : list.get().consentVersion();
      memberships.join(subscriberId, listId, new ListMemberships.Consent(SOURCE, version, null), true, now);
      return Optional.of("You joined " + list.get().name() + ".");
    }
    memberships.leave(subscriberId, listId, SOURCE, now);
    return Optional.of("You left " + list.get().name() + ". You will get no more emails of this list.");
  }
}
