package org.dripline.tracking;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code dripline.tracking.*}: signing keys by key id (base64, at least 32 bytes) and the id of
 * the key new links are signed with. Old keys stay listed so links in sent mail keep working
 * after a rotation.
 */
@ConfigurationProperties("dripline.tracking")
record TrackingProperties(Map<String, String> keys, String activeKey,
    @DefaultValue("10s") Duration machineWindow, String unsubscribeMailbox) {

  TrackingProperties {
    keys = keys == null ? Map.of() : Map.copyOf(keys);
  }
}
