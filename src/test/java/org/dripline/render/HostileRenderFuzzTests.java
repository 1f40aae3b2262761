package org.dripline.render;


import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.dripline.campaign.Campaign;
import org.dripline.campaign.CampaignLoader;
import org.dripline.campaign.Step;
import org.dripline.delivery.mime.ComposedMessage;
import org.dripline.delivery.mime.MessageComposer;
import org.dripline.subscriber.SubscriberProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13's fuzz test: thousands of seeded cases of hostile subscriber data over the shipped
 * series, and of random small templates built from the constructs of template bombs, each rendered
 * and composed the way a delivery is (TemplateEngine.render, then MessageComposer.compose). For
 * every case: nothing but a RenderException (or, for a template that cannot compile, the compile
 * problems) comes out; a guard that stops a template says which bound it hit, never a bare
 * StackOverflowError or OutOfMemoryError; no header gains a line and there is exactly one
 * recipient, read back from the written bytes with Jakarta Mail; subscriber data never runs as
 * code nor escapes the HTML.
 *
 * Reproduce a run with {@code -Ddripline.fuzz.seed=N} (printed on failure) and scale it with
 * {@code -Ddripline.fuzz.data-cases} and {@code -Ddripline.fuzz.template-cases}.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class HostileRenderFuzzTests {

  static final long SEED = Long.getLong("dripline.fuzz.seed", 20261202L);
  static final int DATA_CASES = Integer.getInteger("dripline.fuzz.data-cases", 3000);
  static final int TEMPLATE_CASES = Integer.getInteger("dripline.fuzz.template-cases", 1000);
  static final MessageLinks LINKS = new MessageLinks("https://u.example.org/u/k", "https://u.example.org/p/k",
      "https://u.example.org/v/k");
  static final MessageComposer.Unsubscribe UNSUBSCRIBE = new MessageComposer.Unsubscribe(
      "https://u.example.org/u/k.42.0.sig", "mailto:unsubscribe@dripline.example");
  static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");
  static final SubscriberProfile ZOE = new SubscriberProfile(1, "zoe@example.org", "Zoë", "Europe/Paris", "ACTIVE",
      Map.of("city", "Paris"), List.of("working-mom"));
  /** The grammar's engine: small limits so a bomb is stopped quickly; the kinds of stop are the same. */
  static final RenderLimits LIMITS = new RenderLimits(100_000, Duration.ofMillis(100),
      org.springframework.util.unit.DataSize.ofMegabytes(32));

  final MessageComposer composer = new MessageComposer(null);

  @TempDir
  Path root;

  @Test
  void hostileSubscriberDataOverTheShippedSeriesAlwaysMakesOneWellFormedMessage() throws Exception {
    // given the shipped series and its templates, and a control message per step
    TemplateEngine engine = new TemplateEngine(Path.of("templates"));
    Campaign campaign = new CampaignLoader().load(Path.of("campaigns/working-mom-guilt.yaml"));
    CompiledCampaign compiled = engine.compile(campaign);
    List<Step> steps = campaign.steps();
    Map<String, TreeSet<String>> headers = new LinkedHashMap<>();
    Map<String, Integer> fields = new LinkedHashMap<>();
    for (Step step : steps) {
      ComposedMessage control = composer.compose(1, campaign, step.id(), ZOE, engine.render(compiled, step.id(), ZOE, LINKS),
          UNSUBSCRIBE, NOW);
      headers.put(step.id(), WireCheck.headerNames(WireCheck.parse(control)));
      fields.put(step.id(), headerFields(control));
    }

    // when each case's subscriber (hostile name, timezone, attributes, tags) gets a random step
    List<String> failures = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < DATA_CASES; i++) {
      Random random = new Random(SEED * 1_000_003L + i);
      SubscriberProfile subscriber = HostileInput.subscriber(random, i);
      Step step = steps.get(random.nextInt(steps.size()));
      String where = "data case " + i + " (seed " + SEED + ", step " + step.id() + ", subscriber "
          + HostileInput.describe(subscriber) + "): ";
      try {
        RenderedMessage content = engine.render(compiled, step.id(), subscriber, LINKS);
        ComposedMessage message = composer.compose(i, campaign, step.id(), subscriber, content, UNSUBSCRIBE, NOW);
        // then: the data never ran, never escaped the HTML, and the message is exactly one well-formed message
        List<String> problems = new ArrayList<>(WireCheck.problems(message, subscriber, content, headers.get(step.id()),
            fields.get(step.id()), i % 8 == 0));
        problems.addAll(dataStayedData(content));
        problems.forEach(p -> failures.add(where + p));
      } catch (Throwable e) {
        failures.add(where + "threw " + HostileInput.describe(e));
      }
    }
    report("data", DATA_CASES, start, failures);
  }

  @Test
  void randomTemplatesOfRiskyConstructsEitherRenderOrFailOneMessageWithinTheirBounds() throws Exception {
    // given an engine with the shipped layouts and small limits, and a control template to prove it still works
    Path templates = root.resolve("templates");
    copyShippedLayouts(templates);
    TemplateEngine engine = new TemplateEngine(templates, LIMITS);
    Campaign normal = campaign("normal", new TemplateGrammar.Case("<p>Hello ${subscriber.firstName}</p>", "Hello",
        "Hello", Map.of()));
    CompiledCampaign control = engine.compile(normal);
    ComposedMessage reference = composer.compose(0, normal, "first", ZOE, engine.render(control, "first", ZOE, LINKS), UNSUBSCRIBE, NOW);
    TreeSet<String> referenceHeaders = WireCheck.headerNames(WireCheck.parse(reference));
    int referenceFields = headerFields(reference);

    // when each random template (body, text, subject, included parts) is compiled, rendered for a hostile subscriber and composed
    List<String> failures = new ArrayList<>();
    Map<String, Integer> outcomes = new LinkedHashMap<>();
    long start = System.nanoTime();
    for (int i = 0; i < TEMPLATE_CASES; i++) {
      Random random = new Random(SEED * 1_000_003L + DATA_CASES + i);
      TemplateGrammar.Case generated = TemplateGrammar.generate(random, "c" + i);
      SubscriberProfile subscriber = HostileInput.subscriber(random, i);
      String where = "template case " + i + " (seed " + SEED + ", " + HostileInput.describe(generated) + ", subscriber "
          + HostileInput.describe(subscriber) + "): ";
      String outcome;
      try {
        Campaign campaign = campaign("c" + i, generated);
        CompiledCampaign compiled = engine.compile(campaign);
        RenderedMessage content = engine.render(compiled, "first", subscriber, LINKS);
        ComposedMessage message = composer.compose(i, campaign, "first", subscriber, content, UNSUBSCRIBE, NOW);
        // then a message that renders is within the output cap and well formed on the wire
        if (content.html().length() > LIMITS.maxOutputChars() || content.text().length() > LIMITS.maxOutputChars()) {
          failures.add(where + "a part longer than the output cap");
        }
        WireCheck.problems(message, subscriber, content, referenceHeaders, referenceFields, i % 8 == 0)
            .forEach(p -> failures.add(where + p));
        outcome = "rendered";
      } catch (TemplateProblemsException e) {
        // a template the engine refuses before any send: every problem has a place and a reason
        e.problems().stream().filter(p -> p.message().isBlank() || p.message().contains("Error"))
            .forEach(p -> failures.add(where + "a compile problem without a clear reason: " + p));
        outcome = "refused at compile";
      } catch (TemplateEngine.BoundReached e) {
        outcome = "stopped by a bound: " + kind(e.getMessage());
        validateReports(engine, "c" + i, i, where, failures);
      } catch (RenderException e) {
        outcome = "failed to render";
        if (e.getMessage().contains("StackOverflowError") || e.getMessage().contains("OutOfMemoryError")) {
          failures.add(where + "a render failure that names a JVM error: " + HostileInput.describe(e.getMessage()));
        }
        validateReports(engine, "c" + i, i, where, failures);
      } catch (Throwable e) {
        failures.add(where + "threw " + HostileInput.describe(e));
        outcome = "escaped: " + e.getClass().getSimpleName();
      }
      outcomes.merge(outcome, 1, Integer::sum);
      // and after every case the thread is not left interrupted and the engine still renders an ordinary message
      if (Thread.interrupted()) {
        failures.add(where + "left the thread interrupted");
      }
      if (!outcome.equals("rendered") && !rendersOrdinaryMessage(engine, control)) {
        failures.add(where + "the engine no longer renders an ordinary template");
      }
    }
    System.out.println("template outcomes: " + outcomes);
    report("template", TEMPLATE_CASES, start, failures);
  }

  /**
   * The control message renders. Its time bound is the fuzz's 100 ms, which a busy machine can
   * exceed on an ordinary message too: a time bound is retried (a deadline, not a measurement),
   * anything else counts at once.
   */
  private static boolean rendersOrdinaryMessage(TemplateEngine engine, CompiledCampaign control) {
    for (int attempt = 1; ; attempt++) {
      try {
        return engine.render(control, "first", ZOE, LINKS).html().contains("Hello Zoë");
      } catch (TemplateEngine.BoundReached e) {
        if (attempt == 5 || !e.getMessage().contains("took longer than")) {
          return false;
        }
      }
    }
  }

  /**
   * For a sample of the templates that failed: {@code validate} (TemplateEngine.check) reports them as
   * problems with a place, and does not throw. Subscriber-independent failures only show for its
   * samples, so an empty list is allowed when the failure needed this case's hostile data.
   */
  void validateReports(TemplateEngine engine, String name, int i, String where, List<String> failures) {
    if (i % 4 != 0) {
      return;
    }
    try {
      engine.check(new CampaignLoader().load(root.resolve("campaigns").resolve(name + ".yaml"))).stream()
          .filter(p -> p.file() == null || p.message().isBlank() || p.message().contains("StackOverflowError")
              || p.message().contains("OutOfMemoryError"))
          .forEach(p -> failures.add(where + "validate gave an unclear problem: " + p));
    } catch (Throwable e) {
      failures.add(where + "validate threw " + HostileInput.describe(e));
    }
  }

  /** Which guard stopped a template, from the message it gave (the kinds RenderLimits and the engine name). */
  static String kind(String message) {
    for (String kind : List.of("took longer than", "allocated more than", "recursion deeper", "needs more memory")) {
      if (message.contains(kind)) {
        return kind;
      }
    }
    return "unknown: " + message;
  }

  static List<String> dataStayedData(RenderedMessage content) {
    List<String> problems = new ArrayList<>();
    for (String part : new String[] {content.subject(), content.preheader(), content.html(), content.text()}) {
      if (part != null && part.contains(HostileInput.EVALUATED)) {
        problems.add("subscriber data ran as template code");
      }
    }
    if (content.html().contains(HostileInput.PROBE_TAG) || content.html().toLowerCase().contains("<script")) {
      problems.add("subscriber data escaped the HTML");
    }
    return problems;
  }

  static int headerFields(ComposedMessage message) {
    String raw = new String(message.bytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
    String headers = raw.substring(0, raw.indexOf("\r\n\r\n"));
    return (int) Stream.of(headers.split("\r\n")).filter(l -> !l.startsWith(" ") && !l.startsWith("\t"))
        .filter(l -> !l.regionMatches(true, 0, "Subject:", 0, 8)).count();
  }

  static void report(String what, int cases, long start, List<String> failures) {
    System.out.printf("%s fuzz: %d cases, seed %d, %d ms, %d failures%n", what, cases, SEED,
        (System.nanoTime() - start) / 1_000_000, failures.size());
    failures.forEach(f -> System.out.println("FAIL " + f.substring(0, Math.min(f.length(), 600)).replace("\n", " ")));
    if (!failures.isEmpty()) {
      org.assertj.core.api.Assertions.fail(failures.size() + " " + what + " cases broke (reproduce with -Ddripline.fuzz.seed="
          + SEED + "); the first ones:\n" + String.join("\n", failures.subList(0, Math.min(15, failures.size()))));
    }
  }

  void copyShippedLayouts(Path templates) throws IOException {
    Files.createDirectories(templates.resolve("layouts"));
    Files.createDirectories(templates.resolve("attack/parts"));
    try (Stream<Path> layouts = Files.list(Path.of("templates/layouts"))) {
      for (Path layout : layouts.toList()) {
        Files.copy(layout, templates.resolve("layouts").resolve(layout.getFileName()));
      }
    }
  }

  Campaign campaign(String name, TemplateGrammar.Case generated) throws IOException {
    Path templates = root.resolve("templates");
    Files.writeString(templates.resolve("attack/" + name + ".html.ftlh"), generated.html());
    Files.writeString(templates.resolve("attack/" + name + ".txt.ftl"), generated.text());
    for (Map.Entry<String, String> part : generated.parts().entrySet()) {
      Files.writeString(templates.resolve("attack").resolve(part.getKey()), part.getValue());
    }
    Path file = Files.createDirectories(root.resolve("campaigns")).resolve(name + ".yaml");
    Files.writeString(file, """
        id: %s
        name: "Attack — a 6-week series"
        from: { name: "Maya", address: "stories@dripline.example" }
        reply_to: "hello@dripline.example"
        postal_address: "1 Test Street"
        steps:
          - id: first
            offset: P0D
            template: attack/%s
            subject: "%s"
        """.formatted(name, name, generated.subject().replace("\\", "\\\\").replace("\"", "\\\"")));
    return new CampaignLoader().load(file);
  }
}
