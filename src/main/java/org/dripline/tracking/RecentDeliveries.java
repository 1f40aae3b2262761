package org.dripline.tracking;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sent deliveries most recently opened or clicked, so a reader's repeated opens (and a
 * proxy's, and every link of one message) do not each read the same row again. Bounded without
 * a lock on reads: entries go into a young generation; when it is full it becomes the old one and
 * the previous old one is dropped, and a hit in the old generation moves the entry back to the
 * young one. So at most two generations are held, about {@code capacity} entries in all.
 *
 * <p>Only rows that can no longer change belong here (see {@link TrackingFilter}).
 */
final class RecentDeliveries {

  private final int generation;
  private volatile Map<Long, TrackingStore.Sent> young = new ConcurrentHashMap<>();
  private volatile Map<Long, TrackingStore.Sent> old = Map.of();

  /** @param capacity entries kept at most (give or take the requests in flight); 0 keeps none */
  RecentDeliveries(int capacity) {
    this.generation = Math.max(0, capacity / 2);
  }

  TrackingStore.Sent get(long id) {
    TrackingStore.Sent sent = young.get(id);
    if (sent == null) {
      sent = old.get(id);
      if (sent != null) {
        put(sent);
      }
    }
    return sent;
  }

  void put(TrackingStore.Sent sent) {
    if (generation == 0) {
      return;
    }
    Map<Long, TrackingStore.Sent> current = young;
    current.put(sent.id(), sent);
    if (current.size() >= generation) {
      synchronized (this) {
        // Another thread may have rotated already; rotating twice would drop a whole generation early.
        if (young == current) {
          old = current;
          young = new ConcurrentHashMap<>();
        }
      }
    }
  }

  int size() {
    return young.size() + old.size();
  }
}
