package org.dripline.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.dripline.campaign.Campaign;
import org.dripline.campaign.CampaignLoader;
import org.dripline.campaign.Problem;
import org.dripline.subscriber.SubscriberProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 13, items 2 and 3: data is never code (?interpret/?eval refused by the engine for every
 * template it loads, included ones too) and template bombs are bounded: each gives
 * file:line:column at validation and fails one message at render time, never the process.
 */
class TemplateBombTests {

  static final MessageLinks LINKS = new MessageLinks("https://u.invalid/", "https://p.invalid/", "https://w.invalid/");
  static final SubscriberProfile ZOE = new SubscriberProfile(1, "zoe@example.org", "Zoë", null, "ACTIVE", Map.of(), List.of());

  @TempDir
  Path root;

  @Test
  void anIncludedFileThatInterpretsDataIsRefusedAtRenderTimeAndTheDataNeverRuns() throws IOException {
    // given a step that includes, at render time, a file that runs the first name as template code
    Campaign campaign = campaign("<p>Hi <#include \"parts/\" + \"greet.ftl\"></p>");
    Files.createDirectories(root.resolve("templates/attack/parts"));
    Files.writeString(root.resolve("templates/attack/parts/greet.ftl"), "\n  <@subscriber.firstName?interpret />");
    TemplateEngine engine = new TemplateEngine(root.resolve("templates"));
    SubscriberProfile poison = new SubscriberProfile(2, "p@example.org", "<#macro r><@r/></#macro><@r/>", null, "ACTIVE",
        Map.of(), List.of());

    // when rendered for a subscriber whose name is a recursion bomb
    RenderException failure = catchThrowableOfType(RenderException.class,
        () -> engine.render(engine.compile(campaign), "first", poison, LINKS));

    // then the include is refused (line 2 of the included file), nothing of the name ran
    assertThat(failure).isNotNull();
    assertThat(failure.getMessage()).contains("?interpret and ?eval");
    assertThat(engine.parseAll()).anySatisfy(p -> {
      assertThat(p.file()).endsWith("parts/greet.ftl");
      assertThat(p.line()).isEqualTo(2);
      assertThat(p.column()).isEqualTo(3);
    });
  }

  @Test
  void aFirstNameThatLooksLikeAnExpressionRendersLiterally() throws IOException {
    // given an ordinary greeting / when a subscriber's first name is ${7*7}
    Campaign campaign = campaign("<p>Hi ${subscriber.firstName}</p>");
    TemplateEngine engine = new TemplateEngine(root.resolve("templates"));
    SubscriberProfile sneaky = new SubscriberProfile(2, "s@example.org", "${7*7}", null, "ACTIVE", Map.of(), List.of());

    // then it is printed, not evaluated
    RenderedMessage message = engine.render(engine.compile(campaign), "first", sneaky, LINKS);
    assertThat(message.html()).contains("Hi ${7*7}").doesNotContain("49");
  }

  @Test
  void aSubjectThatEvaluatesTextIsRefused() throws IOException {
    Campaign campaign = campaign("<p>Hi</p>", "\"${subscriber.firstName?eval}\"");
    TemplateEngine engine = new TemplateEngine(root.resolve("templates"));

    assertThat(engine.check(campaign)).anySatisfy(p -> assertThat(p.message()).contains("?interpret and ?eval"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"<#macro r n><@r n+1/></#macro><@r 0/>", "<#function f n><#return f(n+1)></#function>${f(0)}"})
  void endlessRecursionIsReportedAtTheMacroAndFailsOnlyThatMessage(String bomb) throws IOException {
    // given a template that recurses without end
    Campaign campaign = campaign("<p>Hello</p>\n  " + bomb);
    TemplateEngine engine = new TemplateEngine(root.resolve("templates"));

    // when validated
    List<Problem> problems = engine.check(campaign);

    // then the problem names the file, the line and column of the macro, and what is wrong
    assertThat(problems).isNotEmpty().allSatisfy(p -> {
      assertThat(p.file()).endsWith("attack/body.html.ftlh");
      assertThat(p.line()).isEqualTo(2);
      assertThat(p.column()).isEqualTo(3);
      assertThat(p.message()).contains("calls itself", "recursion");
    });
    // and at render time it is a RenderException for this message, after which the thread renders normally
    RenderException failure = catchThrowableOfType(RenderException.class,
        () -> engine.render(engine.compile(campaign), "first", ZOE, LINKS));
    assertThat(failure).isNotNull();
    assertThat(failure.getMessage()).contains("recursion deeper than the stack allows");
    Campaign normal = campaign("normal", "<p>Hello ${subscriber.firstName}</p>", "Hello");
    assertThat(engine.render(engine.compile(normal), "first", ZOE, LINKS).html()).contains("Hello Zoë");
  }

  @ParameterizedTest
  @ValueSource(strings = {"${\"\"?left_pad(2000000000)}", "${(1..400000000)?join(\",\")}", "${(1..)?join(\",\")}",
      "<#assign x = \"a\"?right_pad(99999999999999, \"b\")>"})
  void aLiteralSizeNoEmailNeedsIsRefusedWhenTheTemplateLoadsWithItsLine(String bomb) throws IOException {
    // given a template whose literal sizes would allocate gigabytes in one built-in
    Campaign campaign = campaign("<p>Hello</p>\n<p>" + bomb + "</p>");
    TemplateEngine engine = new TemplateEngine(root.resolve("templates"));

    // when validated (compile or parseAll), it is reported on line 2 with a reason, within a second
    long start = System.nanoTime();
    List<Problem> problems = engine.check(campaign);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.file()).endsWith("attack/body.html.ftlh");
      assertThat(p.line()).isEqualTo(2);
      assertThat(p.column()).isPositive();
      assertThat(p.message()).containsAnyOf("range", "characters");
    });
  }

  @Test
  void aDoublingStringFailsTheMessageNotTheProcess() throws IOException {
    // given a string that doubles 40 times (a terabyte), through a copy so neither a literal nor "s = s + s" gives it away
    Campaign campaign = campaign("<#assign s = \"x\"><#list 1..40 as i><#assign t = s><#assign s = s + t></#list>${s?length}");
    TemplateEngine engine = new TemplateEngine(root.resolve("templates"),
        new RenderLimits(100_000, Duration.ofSeconds(20), org.springframework.util.unit.DataSize.ofMegabytes(64)));

    // when rendered
    long start = System.nanoTime();
    RenderException failure = catchThrowableOfType(RenderException.class,
        () -> engine.render(engine.compile(campaign), "first", ZOE, LINKS));

    // then that message fails with a reason, quickly, and the engine goes on
    assertThat(failure).isNotNull();
    assertThat(failure.getMessage()).contains("allocated more than 64 MB");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    Campaign normal = campaign("normal", "<p>Hello ${subscriber.firstName}</p>", "Hello");
    assertThat(engine.render(engine.compile(normal), "first", ZOE, LINKS).html()).contains("Hello Zoë");
  }

  @Test
  void wordsInStaticTextThatLookLikeBombsAreJustText() throws IOException {
    // given an email that talks about ?eval and 1..5000000 in its text
    Campaign campaign = campaign("<p>Do not use ?eval or ?interpret; pages 1..5000000, or 1.. onwards</p>");
    TemplateEngine engine = new TemplateEngine(root.resolve("templates"));

    // then it is valid and renders as written
    assertThat(engine.check(campaign)).isEmpty();
    assertThat(engine.render(engine.compile(campaign), "first", ZOE, LINKS).html()).contains("pages 1..5000000");
  }

  @Test
  void aLongRangeInAListIsLeftToTheTimeLimit() throws IOException {
    // given a #list over a long literal range (a loop the time limit interrupts step by step)
    Campaign campaign = campaign("<#list 1..2000000000 as i><#if i < 0>x</#if></#list>");
    TemplateEngine engine = new TemplateEngine(root.resolve("templates"), new RenderLimits(100_000, Duration.ofMillis(300)));

    // then it compiles, and the render stops at a bound: the time limit, or the allocation limit when
    // the loop's boxed numbers reach it first (which comes first depends on the machine's speed)
    RenderException failure = catchThrowableOfType(RenderException.class,
        () -> engine.render(engine.compile(campaign), "first", ZOE, LINKS));
    assertThat(failure.getMessage()).containsAnyOf("took longer than 300 ms", "allocated more than");
  }

  Campaign campaign(String html) throws IOException {
    return campaign("body", html, "Hello");
  }

  Campaign campaign(String html, String subject) throws IOException {
    return campaign("body", html, subject);
  }

  Campaign campaign(String name, String html, String subject) throws IOException {
    Path templates = root.resolve("templates");
    Files.createDirectories(templates.resolve("layouts"));
    Files.createDirectories(templates.resolve("attack"));
    Files.writeString(templates.resolve("layouts/default.html.ftlh"), "<html><body>${body}</body></html>");
    Files.writeString(templates.resolve("layouts/default.txt.ftl"), "${body}");
    Files.writeString(templates.resolve("attack/" + name + ".html.ftlh"), html);
    Files.writeString(templates.resolve("attack/" + name + ".txt.ftl"), "plain text");
    Path file = Files.createDirectories(root.resolve("campaigns")).resolve(name + ".yaml");
    Files.writeString(file, """
        id: %s
        name: Attack
        from: { name: Test, address: test@example.org }
        postal_address: 1 Test Street
        steps:
          - id: first
            offset: P0D
            template: attack/%s
            subject: %s
        """.formatted(name, name, subject));
    return new CampaignLoader().load(file);
  }
}
