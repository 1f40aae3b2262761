package org.dripline.subscriber;

import java.util.List;
import java.util.Map;

/** What a message may know about its reader: the template data model is built from this. */
public record SubscriberProfile(long id, String email, String firstName, String timezone, String status,
    Map<String, String> attributes, List<String> tags) {

  public boolean active() {
    return SubscriberStatus.ACTIVE.name().equals(status);
  }
}
