package org.dripline.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Found by HostileRenderFuzzTests: work done inside one FreeMarker built-in cannot be interrupted by
 * the time limit or the memory guard (they stop a template between steps), so a built-in over a
 * computed range ({@code (a..2000000000)?join}) or over a list doubled in a loop ({@code l = l + l},
 * then {@code l?size} or {@code l[0]}, which walk 2^n parts) spun a sending thread for ever. Such
 * templates are now refused when they load, at their line, like the literal bombs.
 */
class UnstoppableBuiltinTests {

  static final MessageLinks LINKS = new MessageLinks("https://u.invalid/", "https://p.invalid/", "https://w.invalid/");
  static final SubscriberProfile ZOE = new SubscriberProfile(1, "zoe@example.org", "Zoë", null, "ACTIVE", Map.of(), List.of());

  @TempDir
  Path root;

  @ParameterizedTest
  @ValueSource(strings = {"<#assign a=1>${(a..2000000000)?join(\",\")?length}", "<#assign a=0>${(a..*99999999)?size}",
      "<#assign l=[1]><#list 1..60 as i><#assign l=l+l></#list>${l[0]}",
      "<#assign l=[1]><#list 1..60 as i><#assign l+=l></#list>${l?size}",
      "<#assign s=\"x\"><#list 1..60 as i><#assign a=1, s = s + \"-\" + s></#list>${s?length}"})
  void aBuiltInNoGuardCouldStopIsRefusedWhenTheTemplateLoadsWithItsLine(String bomb) throws IOException {
    // given a template whose second line would keep one built-in busy for hours
    Campaign campaign = campaign("<p>Hello</p>\n<p>" + bomb + "</p>");
    TemplateEngine engine = new TemplateEngine(root.resolve("templates"));

    // when validated / then it is one problem on line 2 that says why, and nothing was rendered
    List<Problem> problems = engine.check(campaign);
    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.file()).endsWith("attack/body.html.ftlh");
      assertThat(p.line()).isEqualTo(2);
      assertThat(p.message()).containsAnyOf("computed bound", "built from itself");
    });
  }

  @Test
  void slicesListsOfComputedLengthAndRunningSumsStayAllowed() throws IOException {
    // given the ordinary uses of ranges and self-reference: a slice, a #list over a computed range, a sum, an append
    Campaign campaign = campaign("""
        <#assign m = 3><#assign total = 0><#assign names = []>
        <#list 1..m as i><#assign total = total + i><#assign names += ["n" + i]></#list>
        <#-- a comment may say a..b, or l = l + l -->
        <p>${"Zoë Smith"[0..<m]} ${total} ${names?join(",")} ${"wait..."} ${subscriber.firstName[0..]}</p>
        Text may say x = x + x or 1..n.""");
    TemplateEngine engine = new TemplateEngine(root.resolve("templates"));

    // then it is valid and renders as written
    assertThat(engine.check(campaign)).isEmpty();
    assertThat(engine.render(engine.compile(campaign), "first", ZOE, LINKS).html())
        .contains("<p>Zoë 6 n1,n2,n3 wait... Zoë</p>").contains("x = x + x or 1..n.");
  }

  @Test
  void theShippedTemplatesPassTheNewRules() {
    // the text layout appends to a list in a loop (lines += [line]) and builds lines from words
    assertThat(new TemplateEngine(Path.of("templates")).parseAll()).isEmpty();
  }

  Campaign campaign(String html) throws IOException {
    Path templates = root.resolve("templates");
    Files.createDirectories(templates.resolve("layouts"));
    Files.createDirectories(templates.resolve("attack"));
    Files.writeString(templates.resolve("layouts/default.html.ftlh"), "<html><body>${body}</body></html>");
    Files.writeString(templates.resolve("layouts/default.txt.ftl"), "${body}");
    Files.writeString(templates.resolve("attack/body.html.ftlh"), html);
    Files.writeString(templates.resolve("attack/body.txt.ftl"), "plain text");
    Path file = Files.createDirectories(root.resolve("campaigns")).resolve("body.yaml");
    Files.writeString(file, """
        id: body
        name: Attack
        from: { name: Test, address: test@example.org }
        postal_address: 1 Test Street
        steps:
          - { id: first, offset: P0D, template: attack/body, subject: Hello }
        """);
    return new CampaignLoader().load(file);
  }
}
