package org.dripline.draft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.dripline.campaign.Campaign;
import org.dripline.campaign.CampaignCatalog;
import org.dripline.campaign.Step;
import org.dripline.infra.ConflictException;
import org.dripline.infra.InvalidInputException;
import org.dripline.render.CompiledCampaign;
import org.dripline.render.MessageLinks;
import org.dripline.render.RenderedMessage;
import org.dripline.render.TemplateEngine;
import org.dripline.subscriber.SubscriberProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.FileSystemUtils;

/**
 * A draft drafted from the seed post validates and previews as it is, with the services validate and
 * preview use (the catalog, the template engine); bad input is refused with nothing written.
 */
class SeriesDrafterTests {

  static final Path SEED = PostHeadingsTests.SEED;
  static final MessageLinks LINKS = new MessageLinks("https://dripline.example/u/abc", "https://dripline.example/p/abc",
      "https://dripline.example/v/abc");
  static final SubscriberProfile ZOE = new SubscriberProfile(1, "zoe@example.org", "Zoë", "Europe/Paris", "ACTIVE",
      Map.of(), List.of("next-post"));
  static final SubscriberProfile NAMELESS = new SubscriberProfile(2, "x@example.org", null, null, "ACTIVE", Map.of(), List.of());

  @TempDir
  Path directory;

  Path campaigns;
  Path templates;
  SeriesDrafter drafter;

  @BeforeEach
  void aProjectWithTheShippedSeriesAndLayouts() throws IOException {
    campaigns = Files.createDirectories(directory.resolve("campaigns"));
    templates = Files.createDirectories(directory.resolve("templates"));
    Files.copy(Path.of("campaigns/working-mom-guilt.yaml"), campaigns.resolve("working-mom-guilt.yaml"));
    FileSystemUtils.copyRecursively(Path.of("templates/layouts"), templates.resolve("layouts"));
    drafter = new SeriesDrafter(new CampaignCatalog(campaigns), new DraftSettings("working-mom-guilt"));
  }

  @Test
  void theSeedPostBecomesASeriesThatValidatesAndPreviewsWithoutEdits() throws IOException {
    // when the seed post is drafted
    SeriesDrafter.Drafted drafted = drafter.draft(SEED, "next-post", null, campaigns, templates);

    // then it is one weekly step per section, welcome first, subjects from the headings
    Campaign campaign = new CampaignCatalog(campaigns).load("next-post");
    assertThat(drafted.steps()).hasSize(10).startsWith("welcome", "week-1").endsWith("week-9");
    assertThat(campaign.steps()).extracting(s -> s.offset().toDays()).containsExactly(0L, 7L, 14L, 21L, 28L, 35L, 42L,
        49L, 56L, 63L);
    assertThat(campaign.steps()).extracting(Step::subject).startsWith("What it Means to Be a Working Mother",
        "What Is Working Mom Guilt?");
    assertThat(campaign.steps().get(0).preheader())
        .isEqualTo("You love your kids and your career. So why does it feel like you’re failing at both?");
    // and the sender and postal address are the shipped series', the post link a placeholder to set
    assertThat(campaign.from().address()).isEqualTo("stories@dripline.example");
    assertThat(campaign.postalAddress()).contains("100 Example Avenue");
    assertThat(campaign.links()).containsEntry("post", "https://example.org/blog/next-post")
        .containsKeys("community", "newsletter").doesNotContainKeys("causes", "daycare");
    assertThat(campaign.schedule().runEvery()).as("nothing starts a draft on its own").isNull();
    String yaml = Files.readString(drafted.campaignFile());
    assertThat(yaml).contains("# TODO marketer: the post's address").contains("# TODO marketer: who gets this series");

    // and validate finds no problem in the campaign or any template
    TemplateEngine engine = new TemplateEngine(templates);
    assertThat(new CampaignCatalog(campaigns).loadAll()).allSatisfy(loaded -> assertThat(loaded.problems()).isEmpty());
    assertThat(engine.parseAll()).isEmpty();
    assertThat(engine.check(campaign)).isEmpty();

    // and every step previews for a reader with and without a first name, in the house layout
    CompiledCampaign compiled = engine.compile(campaign);
    for (Step step : campaign.steps()) {
      RenderedMessage named = engine.render(compiled, step.id(), ZOE, LINKS);
      RenderedMessage nameless = engine.render(compiled, step.id(), NAMELESS, LINKS);
      int number = campaign.steps().indexOf(step) + 1;
      assertThat(named.html()).as(step.id()).contains("Hi Zoë,").contains("Email " + number + " of 10")
          .contains(LINKS.unsubscribe()).contains("https://example.org/blog/next-post").contains("100 Example Avenue");
      assertThat(nameless.html()).as(step.id()).contains("Hi there,");
      assertThat(named.text()).as(step.id()).contains("Hi Zoë,").contains("https://example.org/blog/next-post")
          .doesNotContain("${").doesNotContain("<p");
      assertThat(nameless.text()).as(step.id()).contains("Hi there,");
    }
    // the section's text is in both parts, the sub-sections under their headings
    RenderedMessage howTo = engine.render(compiled, "week-5", ZOE, LINKS);
    assertThat(howTo.subject()).isEqualTo("How to Get Over the Guilt of Being a Working Mom");
    assertThat(howTo.html()).contains(">Shift Your Mindset</h2>").contains("Presence over perfection, mama.");
    assertThat(howTo.text().replaceAll("\\s+", " ")).contains("Shift Your Mindset").contains("Presence over perfection, mama.");
    RenderedMessage welcome = engine.render(compiled, "welcome", ZOE, LINKS);
    assertThat(welcome.html()).contains("Email 2, next week:</strong> What Is Working Mom Guilt?");
    writePreviews(engine, compiled, campaign);
    Files.copy(drafted.campaignFile(), Path.of("target/draft-preview/next-post.yaml"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.copy(drafted.templatesDirectory().resolve("week-5.html.ftlh"), Path.of("target/draft-preview/week-5.html.ftlh"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  void textThatLooksLikeMarkupOrFreeMarkerPrintsAsWrittenEscapedByTheAutoEscaping() throws IOException {
    // given a post whose text holds HTML, FreeMarker directives and both quote characters
    Path post = directory.resolve("tricky.txt");
    Files.writeString(post, """
        Tricky ${subscriber.email}

        <b>Bold</b> & ${campaign.id} #{1}

        Text with <script>alert(1)</script>, <#assign x=1>, </#if> and <@c.p/> and "double" and 'single' \\ {braces}.

        Two

        More.
        """);

    // when it is drafted and rendered
    drafter.draft(post, "tricky", "https://example.org/blog/tricky", campaigns, templates);
    Campaign campaign = new CampaignCatalog(campaigns).load("tricky");
    TemplateEngine engine = new TemplateEngine(templates);
    assertThat(engine.check(campaign)).isEmpty();
    RenderedMessage message = engine.render(engine.compile(campaign), "welcome", ZOE, LINKS);

    // then every character shows as written: HTML escaped in the HTML part, nothing run as FreeMarker
    assertThat(message.subject()).isEqualTo("<b>Bold</b> & ${campaign.id} #{1}");
    assertThat(message.html()).contains("&lt;b&gt;Bold&lt;/b&gt; &amp; ${campaign.id} #{1}")
        .contains("Text with &lt;script&gt;alert(1)&lt;/script&gt;, &lt;#assign x=1&gt;, &lt;/#if&gt; and &lt;@c.p/&gt;"
            + " and &quot;double&quot; and &#39;single&#39; \\ {braces}.")
        .doesNotContain("<script>");
    assertThat(message.text().replaceAll("\\s+", " ")).contains("Text with <script>alert(1)</script>, <#assign x=1>, </#if> and <@c.p/> and"
        + " \"double\" and 'single' \\ {braces}.");
    assertThat(campaign.links()).containsEntry("post", "https://example.org/blog/tricky");
  }

  @Test
  void withoutACampaignToCopyTheSenderIsAValidPlaceholderMarkedForTheMarketer() throws IOException {
    // given no campaign to copy from
    SeriesDrafter alone = new SeriesDrafter(new CampaignCatalog(campaigns), new DraftSettings("no-such-campaign"));

    // when a post is drafted
    alone.draft(SEED, "next-post", null, campaigns, templates);

    // then it validates, and says what to set
    Campaign campaign = new CampaignCatalog(campaigns).load("next-post");
    assertThat(new TemplateEngine(templates).check(campaign)).isEmpty();
    assertThat(Files.readString(campaigns.resolve("next-post.yaml"))).contains("from:   # TODO marketer: who sends it")
        .contains("# TODO marketer: shown in every footer");
  }

  @Test
  void anExistingCampaignOrTemplatesDirectoryIsRefusedAndNothingIsWritten() throws IOException {
    // given a campaign file of that id, then (elsewhere) a templates directory of that id
    Files.writeString(campaigns.resolve("next-post.yml"), "id: next-post\n");
    List<String> before = tree();

    // when drafting over either, then it is refused with one line and nothing changes
    assertThatThrownBy(() -> drafter.draft(SEED, "next-post", null, campaigns, templates))
        .isInstanceOf(ConflictException.class).hasMessageContaining("next-post.yml already exists");
    assertThat(tree()).isEqualTo(before);
    Files.createDirectories(templates.resolve("other"));
    List<String> withOther = tree();
    assertThatThrownBy(() -> drafter.draft(SEED, "other", null, campaigns, templates))
        .isInstanceOf(ConflictException.class).hasMessageContaining("other already exists");
    assertThat(tree()).isEqualTo(withOther);
  }

  @Test
  void aBadIdAPostWithoutSectionsAndAFileThatIsNoTextPostAreRefusedWithNothingWritten() throws IOException {
    // given posts that cannot make a series
    Path oneSection = directory.resolve("one.md");
    Files.writeString(oneSection, "# Title\n\n## Only one\n\ntext\n");
    Path noHeadings = directory.resolve("flat.txt");
    Files.writeString(noHeadings, "Just one paragraph of text.\n");
    Path empty = directory.resolve("empty.html");
    Files.writeString(empty, " \n");
    Path binary = directory.resolve("image.txt");
    Files.write(binary, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13});
    Path latin1 = directory.resolve("latin1.txt");
    Files.write(latin1, "Caf\u00e9\n\nText.".getBytes(StandardCharsets.ISO_8859_1));
    Path tooMany = directory.resolve("many.md");
    Files.writeString(tooMany, "## Part\n\ntext\n\n".repeat(SeriesDrafter.MAX_EMAILS + 1));
    Path docx = directory.resolve("post.docx");
    Files.writeString(docx, "x");
    List<String> before = tree();

    // when each is drafted, then it is refused with its reason
    refused("Bad_Id", SEED, "'Bad_Id' is not a campaign id");
    refused("-dash", SEED, "is not a campaign id");
    refused("next-post", oneSection, "found 1 section(s), a series needs at least 2");
    refused("next-post", noHeadings, "found 0 section(s)");
    refused("next-post", empty, "empty.html is empty");
    refused("next-post", binary, "image.txt is a binary file");
    refused("next-post", latin1, "is not UTF-8 text");
    refused("next-post", tooMany, "found 53 sections, more than a year of weekly emails");
    refused("next-post", docx, "name a .md, .html or .txt file");
    refused("next-post", directory.resolve("missing.md"), "no such file");
    refused("next-post", directory, "name a .md");
    // and the --url must be an https address
    assertThatThrownBy(() -> drafter.draft(SEED, "next-post", "http://example.org/x", campaigns, templates))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("must be an absolute https URL");

    // and nothing was written
    assertThat(tree()).isEqualTo(before);
  }

  private void refused(String id, Path post, String reason) {
    assertThatThrownBy(() -> drafter.draft(post, id, null, campaigns, templates)).as(post + " as " + id)
        .isInstanceOf(InvalidInputException.class).hasMessageContaining(reason)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  private List<String> tree() throws IOException {
    try (Stream<Path> all = Files.walk(directory)) {
      return new ArrayList<>(all.map(p -> directory.relativize(p).toString()).sorted().toList());
    }
  }

  /** For a look: target/draft-preview/<step>.html and .txt, as the seed post's draft renders. */
  private static void writePreviews(TemplateEngine engine, CompiledCampaign compiled, Campaign campaign) throws IOException {
    Path out = Files.createDirectories(Path.of("target/draft-preview"));
    for (Step step : campaign.steps()) {
      RenderedMessage message = engine.render(compiled, step.id(), ZOE, LINKS);
      Files.writeString(out.resolve(step.id() + ".html"), message.html());
      Files.writeString(out.resolve(step.id() + ".txt"), message.subject() + "\n" + message.preheader() + "\n\n" + message.text());
    }
  }
}
