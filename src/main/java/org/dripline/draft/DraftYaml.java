package org.dripline.draft;

import java.time.DayOfWeek;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.dripline.campaign.Campaign;
import org.dripline.draft.Post.Block;
import org.dripline.draft.Post.Kind;
import org.dripline.draft.Post.Section;

/**
 * The draft's campaign file: one step a week per section (welcome at P0D, then week-1 at P7D, …),
 * subjects from the headings, preheaders from each section's first sentence. It validates as it is:
 * every value it cannot know (the post's address, the audience, the sender when there is no campaign
 * to copy) is a valid stand-in with a {@code # TODO marketer:} comment. Nothing starts it on its own:
 * no {@code run_every}, and its audience is a tag named after it.
 */
final class DraftYaml {

  private static final int MAX_SUBJECT = 150;
  private static final int GOOD_SUBJECT = 60;
  private static final int SHORT_PREHEADER = 40;
  private static final int MAX_PREHEADER = 100;
  private static final Pattern SENTENCE = Pattern.compile("^.+?[.!?…][\"'”’)\\]]*(?=\\s|$)");

  private DraftYaml() {
  }

  /** The file. {@code like}: the campaign whose sender and links it copies, or null. */
  static String yaml(String id, Post post, String source, Campaign like) {
    StringBuilder y = new StringBuilder();
    y.append("# DRAFT made by `dripline draft-series` from ").append(comment(source)).append(": one email a week,\n")
        .append("# one per section of the post. It validates and previews as it is; each \"TODO marketer\" below\n")
        .append("# is a decision to make before it goes out. Nothing runs it on its own: there is no run_every,\n")
        .append("# and only subscribers tagged ").append(id).append(" are in its audience.\n");
    y.append("id: ").append(id).append('\n');
    String name = post.title() != null ? post.title() : post.sections().get(0).heading();
    y.append("name: ").append(quoted(cut(name, MAX_SUBJECT)))
        .append("   # TODO marketer: the series' name, at the top of every email\n");
    String copied = like == null ? null : "   # from " + like.id();
    if (like != null) {
      y.append("from:").append(copied).append('\n');
      if (like.from().name() != null) {
        y.append("  name: ").append(quoted(like.from().name())).append('\n');
      }
      y.append("  address: ").append(quoted(like.from().address())).append('\n');
      if (like.replyTo() != null && !like.replyTo().equals(like.from().address())) {
        y.append("reply_to: ").append(quoted(like.replyTo())).append('\n');
      }
      y.append("postal_address: ").append(quoted(like.postalAddress())).append('\n');
      y.append("language: ").append(like.language()).append('\n');
      y.append("layout: ").append(like.layout()).append('\n');
    } else {
      y.append("from:   # TODO marketer: who sends it\n")
          .append("  name: \"Your name\"\n  address: \"hello@example.org\"\n")
          .append("postal_address: \"Your postal address\"   # TODO marketer: shown in every footer, as the law asks\n")
          .append("language: en\nlayout: default\n");
    }
    y.append("audience:   # TODO marketer: who gets this series\n  all:\n    - tag: ").append(id).append('\n');
    if (like != null) {
      y.append("schedule:").append(copied).append(" (no run_every: add one when it goes live)\n")
          .append("  timezone: ").append(like.schedule().defaultZone().getId()).append('\n');
      if (like.schedule().window() != null) {
        var window = like.schedule().window();
        y.append("  send_window: { days: [")
            .append(window.days().stream().sorted().map(DayOfWeek::name).map(d -> d.substring(0, 3))
                .collect(Collectors.joining(", ")))
            .append("], from: \"").append(window.from()).append("\", to: \"").append(window.to()).append("\" }\n");
      }
    }
    y.append("links:\n  post: ");
    if (post.url() != null) {
      y.append(quoted(post.url())).append('\n');
    } else {
      y.append(quoted("https://example.org/blog/" + id))
          .append("   # TODO marketer: the post's address (the post does not say it; or draft again with --url)\n");
    }
    if (like != null) {
      String likePost = like.links().get("post");
      like.links().entrySet().stream()
          .filter(link -> !link.getKey().equals("post") && (likePost == null || !link.getValue().startsWith(likePost)))
          .forEach(link -> y.append("  ").append(link.getKey()).append(": ").append(quoted(link.getValue()))
              .append("   # from ").append(like.id()).append('\n'));
    }
    y.append("steps:\n");
    List<Section> sections = post.sections();
    for (int i = 0; i < sections.size(); i++) {
      Section section = sections.get(i);
      String step = stepId(i);
      String subject = cut(section.heading(), MAX_SUBJECT);
      while (FreeMarkerText.text(subject).length() > MAX_SUBJECT) {
        // a heading full of FreeMarker's own characters grows when escaped; the loader takes 200 at most
        subject = cut(subject, subject.length() - 10);
      }
      y.append("  - id: ").append(step).append('\n')
          .append("    offset: P").append(7 * i).append("D\n")
          .append("    template: ").append(id).append('/').append(step).append('\n')
          .append("    subject: ").append(quoted(FreeMarkerText.text(subject)));
      if (subject.length() > GOOD_SUBJECT) {
        y.append("   # TODO marketer: ").append(subject.length()).append(" characters; subjects read best under ")
            .append(GOOD_SUBJECT);
      }
      y.append('\n').append("    preheader: ").append(quoted(FreeMarkerText.text(preheader(section)))).append('\n');
    }
    return y.toString();
  }

  static String stepId(int index) {
    return index == 0 ? "welcome" : "week-" + index;
  }

  /**
   * The section's first sentence, with the next ones while it is shorter than an inbox shows (about
   * 40 characters) and they fit in 100; a longer one is cut at a word. The heading when there is no text.
   */
  static String preheader(Section section) {
    String text = section.blocks().stream().filter(b -> b.kind() != Kind.HEADING).findFirst()
        .map(Block::text).orElse(section.heading());
    String preheader = "";
    String rest = text.strip();
    while (!rest.isEmpty()) {
      Matcher m = SENTENCE.matcher(rest);
      String sentence = m.find() ? m.group() : rest;
      String longer = preheader.isEmpty() ? sentence : preheader + " " + sentence;
      if (!preheader.isEmpty() && longer.length() > MAX_PREHEADER) {
        break;
      }
      preheader = longer;
      rest = rest.substring(sentence.length()).strip();
      if (preheader.length() >= SHORT_PREHEADER) {
        break;
      }
    }
    return cut(preheader, MAX_PREHEADER);
  }

  /** At most {@code max} characters, cut at a space with an ellipsis. */
  static String cut(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int space = text.lastIndexOf(' ', max - 1);
    return text.substring(0, space > max / 2 ? space : max - 1).strip() + "…";
  }

  /** A YAML double-quoted scalar: backslash, quote and every control or line-separator character escaped. */
  static String quoted(String value) {
    StringBuilder out = new StringBuilder("\"");
    value.codePoints().forEach(cp -> {
      if (cp == '"' || cp == '\\') {
        out.append('\\').appendCodePoint(cp);
      } else if (Character.isISOControl(cp) || cp == 0x2028 || cp == 0x2029 || cp == 0x85 || cp == 0xFEFF) {
        out.append(String.format("\\u%04X", cp));
      } else {
        out.appendCodePoint(cp);
      }
    });
    return out.append('"').toString();
  }

  /** A file name in a comment: one line, whatever the name holds. */
  private static String comment(String text) {
    return text.replaceAll("[\\p{Cc}\\u2028\\u2029\\u0085]", "?");
  }
}
