package org.dripline.render;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dripline.campaign.Campaign;
import org.dripline.subscriber.SubscriberProfile;

/**
 * The data model templates see: plain maps of strings and numbers only (the sandbox wraps
 * nothing else), documented in README under "Templates".
 */
final class TemplateModel {

  private TemplateModel() {
  }

  static Map<String, Object> of(Campaign campaign, CompiledCampaign.CompiledStep compiled, String stepId,
      SubscriberProfile subscriber, MessageLinks links) {
    Map<String, Object> model = new HashMap<>();
    Map<String, Object> person = new LinkedHashMap<>();
    person.put("firstName", subscriber.firstName() == null ? "" : subscriber.firstName());
    person.put("email", subscriber.email());
    person.put("timezone", subscriber.timezone() == null ? "" : subscriber.timezone());
    person.put("attributes", subscriber.attributes());
    person.put("tags", subscriber.tags());
    model.put("subscriber", person);
    Map<String, Object> about = new LinkedHashMap<>();
    about.put("id", campaign.id());
    about.put("name", campaign.name());
    about.put("fromName", campaign.from().name() == null ? "" : campaign.from().name());
    about.put("postalAddress", campaign.postalAddress());
    about.put("language", campaign.language());
    model.put("campaign", about);
    model.put("step", step(compiled, stepId));
    model.put("links", Map.of("unsubscribe", links.unsubscribe(), "preferences", links.preferences(),
        "webView", links.webView()));
    return model;
  }

  static Map<String, Object> step(CompiledCampaign.CompiledStep compiled, String stepId) {
    Map<String, Object> step = new LinkedHashMap<>();
    step.put("id", stepId);
    step.put("number", compiled.number());
    step.put("total", compiled.total());
    step.put("subject", "");
    step.put("preheader", "");
    return step;
  }
}
