package org.dripline.subscriber.importing;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The CSV {@code lists} column's other side: the mailing lists (module {@code lists}) implement it,
 * so import and export carry list memberships while the subscriber module, which the lists module
 * builds on, never depends on it. Without an implementation the column only accepts empty cells.
 */
public interface ListColumn {

  /** The ids of the lists that exist now; a cell naming another id rejects its row. */
  Set<String> listIds();

  /** Puts each subscriber on the lists named in the file (imported consent; nobody who left is put back). */
  void joinImported(Map<Long, ? extends Collection<String>> listIdsBySubscriber, String source);

  /** For each of these subscribers, the ids of the lists they are subscribed to, sorted. */
  Map<Long, List<String>> subscribedListsOf(Collection<Long> subscriberIds);
}
