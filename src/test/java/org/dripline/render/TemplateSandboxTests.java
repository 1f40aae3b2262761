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
 * Server-side template injection attempts against {@link TemplateEngine}: each is refused when the
 * campaign is validated, or renders as harmless text; runaway templates fail one message only.
 */
class TemplateSandboxTests {

  static final MessageLinks LINKS = new MessageLinks("https://u.invalid/", "https://p.invalid/", "https://w.invalid/");
  static final SubscriberProfile SUBSCRIBER = new SubscriberProfile(1, "zoe@example.org", "Zoë", "Europe/Paris", "ACTIVE",
      Map.of("country", "FR"), List.of("working-mom"));

  @TempDir
  Path root;

  @ParameterizedTest
  @ValueSource(strings = {
      "${\"freemarker.template.utility.Execute\"?new()(\"id\")}",
      "<#assign ex = \"freemarker.template.utility.Execute\"?new()>${ex(\"cat /etc/passwd\")}",
      "<#assign ob = \"freemarker.template.utility.ObjectConstructor\"?new()>${ob(\"java.io.File\", \"/etc/passwd\")}",
      "${\"freemarker.template.utility.JythonRuntime\"?new()}",
      "<#setting new_builtin_class_resolver=\"unrestricted\">${\"freemarker.template.utility.Execute\"?new()(\"id\")}",
      "<#setting api_builtin_enabled=true>${subscriber?api.getClass()}",
      "${subscriber?api.getClass().getClassLoader()}",
      "${subscriber.email?api.getClass().forName(\"java.lang.Runtime\")}",
      "${.locale_object.getClass()}",
      "${.locale_object?api.getClass()}",
      "${.data_model?api.getClass()}",
      "<#include \"/etc/passwd\">",
      "<#include \"../../../../../../etc/passwd\">",
      "<#include \"../outside.ftl\">",
      "<#import \"../../../../etc/hosts\" as h>",
      "<#include \"file:///etc/passwd\">",
      "${\"<#include '/etc/passwd'>\"?interpret}",
      "<@\"<#assign x='freemarker.template.utility.Execute'?new()>${x('id')}\"?interpret />",
      "${subscriber.firstName?interpret}",
      "${\"'freemarker.template.utility.Execute'?new()('id')\"?eval}",
      "${subscriber.attributes.country?eval}",
      "${statics[\"java.lang.System\"].getProperty(\"user.home\")}",
      "${objectConstructor(\"java.lang.ProcessBuilder\", \"id\").start()}",
      "${.globals.getClass()}",
      "${subscriber.tags?api.iterator()}"})
  void anInjectionAttemptIsRefusedWhenTheCampaignIsValidated(String attack) throws IOException {
    // given a step template that tries to escape the sandbox
    Files.writeString(root.resolve("outside.ftl"), "SECRET-OUTSIDE-TEMPLATES");
    Campaign campaign = campaignWithBody(attack);
    TemplateEngine engine = new TemplateEngine(root.resolve("templates"));

    // when the campaign is validated (compile + sample renders)
    List<Problem> problems = engine.check(campaign);

    // then it is reported, and nothing from outside the sandbox ever reached any output
    assertThat(problems).as(attack).isNotEmpty();
    assertThat(problems.toString()).doesNotContain("root:x:0:0", "SECRET-OUTSIDE-TEMPLATES", "uid=");
  }

  @ParameterizedTest
  @ValueSource(strings = {"${subscriber.firstName?interpret}", "<@subscriber.firstName?interpret />",
      "${subscriber.attributes.country ? eval}", "<#assign code = \"1+1\"?eval>${code}"})
  void textTurnedIntoTemplateCodeIsRefusedByParseAllAndNamesTheLine(String attack) throws IOException {
    // given a template file that would run text (possibly subscriber data) as template code
    campaignWithBody("<p>line one</p>\n" + attack);
    TemplateEngine engine = new TemplateEngine(root.resolve("templates"));

    // when every template file is parsed (validate)
    List<Problem> problems = engine.parseAll();

    // then the file is reported at the line that does it
    assertThat(problems).anySatisfy(p -> {
      assertThat(p.file()).endsWith("attack/body.html.ftlh");
      assertThat(p.line()).isEqualTo(2);
      assertThat(p.message()).contains("?interpret and ?eval");
    });
  }

  @Test
  void aRecoveredAttemptRendersOnlyHarmlessText() throws IOException {
    // given an attack wrapped in #attempt, so the template itself swallows the error
    Campaign campaign = campaignWithBody(
        "<#attempt>${\"freemarker.template.utility.Execute\"?new()(\"id\")}<#recover>recovered</#attempt>");
    TemplateEngine engine = new TemplateEngine(root.resolve("templates"));

    // when rendered
    RenderedMessage message = engine.render(engine.compile(campaign), "first", SUBSCRIBER, LINKS);

    // then the command never ran
    assertThat(message.html()).contains("recovered").doesNotContain("uid=");
  }

  @Test
  void hostileSubscriberDataIsPrintedAsTextNeverRunAsCode() throws IOException {
    // given subscriber values that look like template code and markup
    Campaign campaign = campaignWithBody("<p>${subscriber.firstName} ${subscriber.attributes.country}</p>");
    TemplateEngine engine = new TemplateEngine(root.resolve("templates"));
    SubscriberProfile hostile = new SubscriberProfile(2, "x@example.org",
        "${\"freemarker.template.utility.Execute\"?new()(\"id\")}", null, "ACTIVE",
        Map.of("country", "<#include \"/etc/passwd\"><script>alert(1)</script>"), List.of());

    // when rendered
    RenderedMessage message = engine.render(engine.compile(campaign), "first", hostile, LINKS);

    // then the values come out literally (and HTML-escaped in HTML)
    assertThat(message.html()).contains("${&quot;freemarker.template.utility.Execute&quot;?new()(&quot;id&quot;)}")
        .contains("&lt;script&gt;").doesNotContain("<script>").doesNotContain("root:x:0:0");
  }

  @Test
  void anEndlessLoopThatPrintsIsStoppedByTheOutputCap() throws IOException {
    // given a template that prints forever
    Campaign campaign = campaignWithBody("<#list 1.. as i>${i} </#list>");
    TemplateEngine engine = new TemplateEngine(root.resolve("templates"), new RenderLimits(100_000, Duration.ofSeconds(30)));

    // when rendered
    RenderException failure = catchThrowableOfType(RenderException.class,
        () -> engine.render(engine.compile(campaign), "first", SUBSCRIBER, LINKS));

    // then this message fails, saying why: the output cap stopped it, long before the 30 s time limit
    assertThat(failure).isNotNull();
    assertThat(failure.getMessage()).contains("output is longer than 100000 characters");
  }

  @ParameterizedTest
  @ValueSource(strings = {"<#list 1.. as i></#list>", "<#list 1..2000000000 as i><#if i < 0>x</#if></#list>",
      "<#macro spin><#list 1.. as i></#list></#macro><@spin/>",
      "<#include \"spin.ftl\">"})
  void anEndlessLoopThatPrintsNothingIsStoppedByTheTimeLimitAndTheThreadCarriesOn(String body) throws IOException {
    // given a template that loops without output (directly, in a macro, or in an included file)
    Campaign campaign = campaignWithBody(body);
    Files.writeString(root.resolve("templates/attack/spin.ftl"), "<#list 1.. as i></#list>");
    // (the memory guard off: an empty loop allocates fast, and this test is about the time limit)
    TemplateEngine engine = new TemplateEngine(root.resolve("templates"),
        new RenderLimits(100_000, Duration.ofMillis(300), org.springframework.util.unit.DataSize.ofBytes(0)));
    CompiledCampaign compiled = engine.compile(campaign);

    // when rendered
    RenderException failure = catchThrowableOfType(RenderException.class,
        () -> engine.render(compiled, "first", SUBSCRIBER, LINKS));

    // then this message fails with the reason, and the same thread renders the next message normally
    assertThat(failure).isNotNull();
    assertThat(failure.getMessage()).contains("took longer than 300 ms");
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
    Campaign normal = campaignWithBody("normal", "<p>Hello ${subscriber.firstName}</p>");
    assertThat(engine.render(engine.compile(normal), "first", SUBSCRIBER, LINKS).html()).contains("Hello Zoë");
  }

  @Test
  void aThreadInterruptedBeforeRenderingStillRendersAndKeepsItsInterrupt() throws IOException {
    // given a thread already interrupted (e.g. an executor asked to stop) and an ordinary template
    Campaign campaign = campaignWithBody("ordinary", "<#list 1..3 as i>${i}</#list>");
    TemplateEngine engine = new TemplateEngine(root.resolve("templates"));
    CompiledCampaign compiled = engine.compile(campaign);

    // when it renders
    Thread.currentThread().interrupt();
    try {
      RenderedMessage message = engine.render(compiled, "first", SUBSCRIBER, LINKS);

      // then the message is complete and the interrupt is still there for the caller to act on
      assertThat(message.html()).contains("123");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void aRunawayTemplateIsAlsoReportedByValidation() throws IOException {
    // given a template that prints forever / when validated / then check names it
    Campaign campaign = campaignWithBody("<#list 1.. as i>${i}</#list>");
    TemplateEngine engine = new TemplateEngine(root.resolve("templates"), new RenderLimits(10_000, Duration.ofSeconds(2)));

    assertThat(engine.check(campaign)).anySatisfy(p -> assertThat(p.message()).contains("output limit of 10000 characters"));
  }

  /** A one-step campaign whose HTML body is the given template (layouts just wrap it). */
  Campaign campaignWithBody(String html) throws IOException {
    return campaignWithBody("body", html);
  }

  Campaign campaignWithBody(String name, String html) throws IOException {
    Path templates = root.resolve("templates");
    Files.createDirectories(templates.resolve("layouts"));
    Files.createDirectories(templates.resolve("attack"));
    Files.writeString(templates.resolve("layouts/default.html.ftlh"), "<html><body>${body}</body></html>");
    Files.writeString(templates.resolve("layouts/default.txt.ftl"), "${body}");
    Files.writeString(templates.resolve("attack/" + name + ".html.ftlh"), html);
    Files.writeString(templates.resolve("attack/" + name + ".txt.ftl"), "plain text");
    Path campaigns = Files.createDirectories(root.resolve("campaigns"));
    Path file = campaigns.resolve("attack.yaml");
    Files.writeString(file, """
        id: attack
        name: Attack
        from: { name: Test, address: test@example.org }
        postal_address: 1 Test Street
        steps:
          - id: first
            offset: P0D
            template: attack/%s
            subject: Hello
        """.formatted(name));
    return new CampaignLoader().load(file);
  }
}
