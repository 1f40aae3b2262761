package org.dripline.lists;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.dripline.subscriber.importing.ListColumn;
import org.springframework.stereotype.Component;

/**
 * The CSV {@code lists} column (import and export): the subscriber module asks through its
 * {@link ListColumn} interface, so it never depends on this module, which builds on it.
 */
@Component
class CsvListColumn implements ListColumn {

  /** The consent text version recorded for imported memberships: the importer vouches for them. */
  static final String IMPORTED = "import";

  private final ListCatalog catalog;
  private final ListMemberships memberships;
  private final Clock clock;

  CsvListColumn(ListCatalog catalog, ListMemberships memberships, Clock clock) {
    this.catalog = catalog;
    this.memberships = memberships;
    this.clock = clock;
  }

  @Override
  public Set<String> listIds() {
    return new TreeSet<>(catalog.ids());
  }

  @Override
  public void joinImported(Map<Long, ? extends Collection<String>> listIdsBySubscriber, String source) {
    memberships.joinImported(listIdsBySubscriber, new ListMemberships.Consent(source, IMPORTED, null), clock.instant());
  }

  @Override
  public Map<Long, List<String>> subscribedListsOf(Collection<Long> subscriberIds) {
    return memberships.subscribedListsOf(subscriberIds);
  }
}
