package org.dripline.tracking;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Signed links and the events behind them ({@code dripline.tracking.*}). Old keys stay listed so
 * links in sent mail keep working after a rotation; the keys themselves are checked by
 * {@link TokenSigner}. See {@link EventWriter} for what a crash can lose of the queued events, and
 * {@link RecentDeliveries} for the cache.
 *
 * @param keys               link signing keys by key id (base64, at least 32 bytes each); without any, a random key
 *                           is generated at every start and links die with the process
 * @param activeKey          id of the key new links are signed with (may be left out when there is one key)
 * @param machineWindow      opens and clicks sooner than this after sending are counted as machine events
 * @param unsubscribeMailbox address of the mailto: half of List-Unsubscribe (default: unsubscribe@ the sender's
 *                           domain)
 * @param eventFlushInterval open and click events are written in batches this often (0 = at once, on the request)
 * @param eventQueue         events queued for writing at most; beyond that a request writes its event itself
 * @param deliveryCache      settled deliveries kept in memory for opens and clicks (0 = read every time)
 */
@ConfigurationProperties("dripline.tracking")
record TrackingSettings(
    Map<String, String> keys,
    String activeKey,
    @DefaultValue("10s") Duration machineWindow,
    String unsubscribeMailbox,
    @DefaultValue("5ms") Duration eventFlushInterval,
    @DefaultValue("10000") int eventQueue,
    @DefaultValue("10000") int deliveryCache) {

  TrackingSettings {
    keys = keys == null ? Map.of() : Map.copyOf(keys);
  }
}
