package org.dripline.draft;

import java.util.List;
import org.dripline.draft.Post.Block;
import org.dripline.draft.Post.Section;

/**
 * One step's HTML and text templates, in the house layout: the components of
 * {@code templates/layouts/components.ftlh} (title, greeting, paragraphs, lists, callouts, the button
 * to the post, the sign-off), the layout's numbering ("Email 2 of 8") and preheader. The welcome
 * email also lists what the next emails are about, as the shipped series' welcome does.
 */
final class DraftTemplates {

  private static final String NOTE = """
      <#-- A draft made by `dripline draft-series` from one section of the post: edit it freely.
           The post's text sits in ${r"…"} so that FreeMarker escapes it for HTML: write inside the
           quotes, or replace a line with markup of your own. The layout adds "Email N of M", the
           preheader and the footer. -->
      """;
  private static final String TEXT_NOTE = """
      <#-- A draft made by `dripline draft-series` from one section of the post: the text part of the
           email, one paragraph per line (the layout wraps them). Keep it in step with the HTML part. -->
      """;
  private static final String TODO_REPLY = "<#-- TODO marketer: a question readers can answer, e.g."
      + " <@c.reply question=\"What is the hardest part for you?\"/>, and a call to action of this email's own -->\n";

  private DraftTemplates() {
  }

  static String html(List<Section> sections, int index) {
    Section section = sections.get(index);
    StringBuilder out = new StringBuilder("<#ftl encoding=\"UTF-8\">\n<#import \"/layouts/components.ftlh\" as c>\n");
    out.append(NOTE);
    out.append("<@c.h1>").append(FreeMarkerText.interpolation(section.heading())).append("</@c.h1>\n");
    out.append("<@c.greeting/>\n");
    for (Block block : section.blocks()) {
      switch (block.kind()) {
        case HEADING -> out.append("<@c.h2>").append(FreeMarkerText.interpolation(block.text())).append("</@c.h2>\n");
        case PARAGRAPH -> out.append("<@c.p>").append(FreeMarkerText.interpolation(block.text())).append("</@c.p>\n");
        case QUOTE -> out.append("<@c.callout>").append(FreeMarkerText.interpolation(block.text())).append("</@c.callout>\n");
        case LIST -> {
          out.append("<@c.ul>\n");
          block.items().forEach(item -> out.append("<@c.li>").append(FreeMarkerText.interpolation(item)).append("</@c.li>\n"));
          out.append("</@c.ul>\n");
        }
        default -> throw new IllegalStateException("unknown block " + block.kind());
      }
    }
    if (index == 0 && sections.size() > 1) {
      out.append("<@c.p>").append(coming(sections.size())).append("</@c.p>\n<@c.ul>\n");
      for (int i = 1; i < sections.size(); i++) {
        out.append("<@c.li><strong>").append(emailLabel(i)).append("</strong> ")
            .append(FreeMarkerText.interpolation(sections.get(i).heading())).append("</@c.li>\n");
      }
      out.append("</@c.ul>\n");
    }
    out.append(TODO_REPLY);
    out.append("<@c.button href=links.post label=\"")
        .append(index == 0 ? "Read the whole post now" : "Read this part of the post").append("\"/>\n");
    out.append("<@c.signoff/>\n");
    return out.toString();
  }

  static String text(List<Section> sections, int index) {
    Section section = sections.get(index);
    StringBuilder out = new StringBuilder("<#ftl encoding=\"UTF-8\">\n");
    out.append(TEXT_NOTE);
    out.append("Hi <#if subscriber.firstName?has_content>${subscriber.firstName}<#else>there</#if>,\n");
    for (Block block : section.blocks()) {
      out.append('\n');
      switch (block.kind()) {
        case HEADING, PARAGRAPH -> out.append(FreeMarkerText.text(block.text())).append('\n');
        // indented, as the shipped series writes a callout in its text part
        case QUOTE -> out.append("  ").append(FreeMarkerText.text(block.text())).append('\n');
        case LIST -> block.items().forEach(item -> out.append("- ").append(FreeMarkerText.text(item)).append('\n'));
        default -> throw new IllegalStateException("unknown block " + block.kind());
      }
    }
    if (index == 0 && sections.size() > 1) {
      out.append('\n').append(coming(sections.size())).append("\n\n");
      for (int i = 1; i < sections.size(); i++) {
        out.append("- ").append(emailLabel(i)).append(' ').append(FreeMarkerText.text(sections.get(i).heading())).append('\n');
      }
    }
    out.append('\n').append(index == 0 ? "The whole post is here:" : "Read this part of the post:").append("\n${links.post}\n");
    out.append("\nWarmly,\n${campaign.fromName}\n");
    return out.toString();
  }

  private static String coming(int emails) {
    int weeks = emails - 1;
    return weeks == 1 ? "Next week, one more short email:"
        : "Over the next " + weeks + " weeks, one short email a week, we’ll go through it together:";
  }

  /** "Email 2, next week:" then "Email 3:": the layout numbers every email the same way. */
  private static String emailLabel(int index) {
    return "Email " + (index + 1) + (index == 1 ? ", next week:" : ":");
  }
}
