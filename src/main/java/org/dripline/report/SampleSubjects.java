package org.dripline.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dripline.campaign.Campaign;
import org.dripline.campaign.Problem;
import org.dripline.campaign.Step;
import org.dripline.render.CompiledCampaign;
import org.dripline.render.MessageLinks;
import org.dripline.render.RenderException;
import org.dripline.render.TemplateEngine;
import org.dripline.render.TemplateProblemsException;
import org.dripline.subscriber.SubscriberProfile;
import org.dripline.subscriber.SubscriberStatus;
import org.springframework.stereotype.Component;

/**
 * Each step's subject as a reader would see it, rendered for one fixed sample subscriber: a report
 * shows what people got, never the FreeMarker source of the subject line.
 */
@Component
public class SampleSubjects {

  /** Shown next to the subjects wherever they are listed. */
  public static final String NOTE = "as rendered for a sample subscriber (Sam, sample@example.com)";

  /** The sample has every field set, like the first of the profiles {@code TemplateEngine.check} renders. */
  static final SubscriberProfile SAMPLE = new SubscriberProfile(0, "sample@example.com", "Sam", "Europe/Berlin",
      SubscriberStatus.ACTIVE.name(), Map.of("country", "DE"), List.of("sample"));
  // Links that go nowhere: only the subject is kept, but the whole message renders around it.
  private static final MessageLinks NOWHERE = new MessageLinks("https://unsubscribe.invalid/",
      "https://preferences.invalid/", "https://view.invalid/");
  private static final int MAX_REASON = 160;

  private final TemplateEngine templates;

  public SampleSubjects(TemplateEngine templates) {
    this.templates = templates;
  }

  /** A step's subject for the sample, or why it could not be rendered (one short line). */
  public record Subject(String text, String problem) {

    /** The subject, or "(not rendered: why)" where a single string is wanted. */
    public String display() {
      return text != null ? text : "(not rendered: " + problem + ")";
    }
  }

  /** Step id to subject, in the campaign's step order; never throws for a template's fault. */
  public Map<String, Subject> of(Campaign campaign) {
    Map<String, Subject> subjects = new LinkedHashMap<>();
    CompiledCampaign compiled;
    try {
      compiled = templates.compile(campaign);
    } catch (TemplateProblemsException e) {
      String first = e.problems().stream().sorted().findFirst().map(Problem::toString).orElse("invalid templates");
      Subject failed = new Subject(null, shorten("the campaign's templates have problems (see `dripline validate`): "
          + first));
      campaign.steps().forEach(step -> subjects.put(step.id(), failed));
      return subjects;
    }
    for (Step step : campaign.steps()) {
      try {
        String subject = templates.render(compiled, step.id(), SAMPLE, NOWHERE).subject();
        subjects.put(step.id(), new Subject(subject, null));
      } catch (RenderException e) {
        subjects.put(step.id(), new Subject(null, shorten(reason(e))));
      }
    }
    return subjects;
  }

  /**
   * The exception's first line names the template ("…/week-2/subject: The following has evaluated
   * to null or missing:"); FreeMarker puts the expression to blame on a later line ("==> x.y [in
   * template …]"), which is the useful part. The rest (tips, FTL stack) is not for readers.
   */
  static String reason(RenderException e) {
    String first = firstLine(e.getMessage());
    String detail = e.getCause() == null || e.getCause().getMessage() == null ? null
        : e.getCause().getMessage().lines().map(String::strip).filter(l -> l.startsWith("==>")).findFirst()
            .map(l -> l.replaceFirst("\\s*\\[in template.*$", "")).orElse(null);
    return detail == null || first.contains(detail) ? first : first + " " + detail;
  }

  private static String firstLine(String text) {
    return text == null || text.isBlank() ? "unknown error" : text.strip().lines().findFirst().orElseThrow();
  }

  private static String shorten(String reason) {
    String line = firstLine(reason);
    return line.length() <= MAX_REASON ? line : line.substring(0, MAX_REASON - 1) + "…";
  }
}
