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
    // layouts word their header and footer for a series or a newsletter issue
    about.put("kind", campaign.isBroadcast() ? "newsletter" : "series");
    about.put("fromName", campaign.from().name() == null ? "" : campaign.from().name());
    about.put("postalAddress", campaign.postalAddress());
    about.put("language", campaign.language());
    // "Hit reply" copy and mailto buttons name the address replies really go to.
    about.put("replyTo", campaign.replyTo() != null ? campaign.replyTo() : campaign.from().address());
    model.put("campaign", about);
    model.put("step", step(compiled, stepId));
    // The campaign's named pages (links: in the file) beside the per-message ones; the loader
    // refuses names that would shadow unsubscribe, preferences or webView.
    Map<String, Object> urls = new LinkedHashMap<>(campaign.links());
    urls.put("unsubscribe", links.unsubscribe());
    urls.put("preferences", links.preferences());
    urls.put("webView", links.webView());
    model.put("links", urls);
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
