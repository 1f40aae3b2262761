package org.dripline.render;

import freemarker.template.Template;
import java.util.Map;
import org.dripline.campaign.Campaign;

/** Every template a campaign needs, parsed once per run and shared by all sending threads. */
public record CompiledCampaign(Campaign campaign, Template htmlLayout, Template textLayout,
    Map<String, CompiledStep> steps) {

  /** {@code number} and {@code total}: "email 2 of 7", worked out once rather than per message. */
  record CompiledStep(Template html, Template text, Template subject, Template preheader, int number, int total) {
  }
}
