package org.dripline.tracking;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code dripline.tracking.*}: signing keys by key id (base64, at least 32 bytes) and the id of
 * the key new links are signed with. Old keys stay listed so links in sent mail keep working
 * after a rotation. Open and click events are written in batches every {@code eventFlushInterval}
 * (0 = at once, on the request) from a queue of at most {@code eventQueue} events (see
 * {@link EventWriter} for what a crash can lose). Opens and clicks keep the last
 * {@code deliveryCache} settled deliveries they read (0 = read every time; see {@link RecentDeliveries}).
 */
@ConfigurationProperties("dripline.tracking")
record TrackingProperties(Map<String, String> keys, String activeKey,
    @DefaultValue("10s") Duration machineWindow, String unsubscribeMailbox,
    @DefaultValue("5ms") Duration eventFlushInterval, @DefaultValue("10000") int eventQueue,
    @DefaultValue("10000") int deliveryCache) {

  TrackingProperties {
    keys = keys == null ? Map.of() : Map.copyOf(keys);
  }
}
