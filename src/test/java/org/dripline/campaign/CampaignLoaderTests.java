package org.dripline.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.dripline.segment.Rule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link CampaignLoader#load(Path)} on real files: every problem with file:line:column, never a stack trace. */
class CampaignLoaderTests {

  /** A valid two-step campaign; line numbers below refer to this layout. */
  static final String VALID_CAMPAIGN = """
      id: spring-series
      name: "Spring series"
      from:
        name: "Maya"
        address: "stories@dripline.example"
      reply_to: "hello@dripline.example"
      postal_address: "Dripline, 100 Example Avenue, Springfield"
      audience:
        all:
          - tag: working-mom
      steps:
        - id: welcome
          offset: P0D
          template: spring-series/welcome
          subject: "Welcome"
        - id: week-1
          offset: P7D
          template: spring-series/week-1
          subject: "Week one"
      """;

  static final String TOP_KEYS = "id, name, from, reply_to, postal_address, language, layout, audience, schedule, links,"
      + " steps, changes, on_resume, reenroll, exit_when";
  static final String STEP_KEYS = "id, offset, template, subject, preheader, when";

  @TempDir
  Path tmp;

  @Test
  void loadsTheShippedWorkingMomGuiltCampaign() {
    // given the campaign file that ships with Dripline
    Path file = Path.of("campaigns/working-mom-guilt.yaml");

    // when it is loaded
    Campaign campaign = new CampaignLoader().load(file);

    // then it has eight weekly steps (plus a week-1 variant and a check-in) for subscribers tagged working-mom
    assertThat(campaign.id()).isEqualTo("working-mom-guilt");
    assertThat(campaign.steps()).hasSize(10);
    assertThat(campaign.steps()).extracting(Step::offset).containsExactly(Duration.parse("P0D"),
        Duration.parse("P7D"), Duration.parse("P7D"), Duration.parse("P14D"), Duration.parse("P17D"),
        Duration.parse("P21D"), Duration.parse("P28D"), Duration.parse("P35D"), Duration.parse("P42D"), Duration.parse("P49D"));
    assertThat(campaign.steps()).extracting(Step::id).containsExactly("welcome", "week-1", "week-1-daycare", "week-2",
        "burnout-check-in", "week-3", "week-4", "week-5", "week-6", "after-the-series");
    assertThat(campaign.audience()).isInstanceOf(Rule.Group.class)
        .isEqualTo(new Rule.Group(Rule.Group.Kind.ALL, List.of(new Rule.Tag("working-mom"))));
    assertThat(campaign.from()).isEqualTo(new Sender("Maya from Dripline Stories", "stories@dripline.example"));
    assertThat(campaign.versionHash()).hasSize(64);
  }

  @Test
  void loadsTheValidFixtureWithDefaults() throws IOException {
    // given the valid fixture, without language or layout
    Path file = write("spring-series", VALID_CAMPAIGN);

    // when it is loaded
    Campaign campaign = new CampaignLoader().load(file);

    // then defaults are filled in and steps keep their order and locations
    assertThat(campaign.language()).isEqualTo("en");
    assertThat(campaign.layout()).isEqualTo("default");
    assertThat(campaign.steps()).extracting(Step::id).containsExactly("welcome", "week-1");
    assertThat(campaign.steps().get(1).templateLocation()).isEqualTo(new Location(file.toString(), 18, 15));
    assertThat(campaign.stepNumber("week-1")).isEqualTo(2);
  }

  @Test
  void reportsUnknownTopLevelKeyWithLineColumnAndExpectedKeys() throws IOException {
    // given a misspelt top-level key on line 6
    Path file = write("spring-series", VALID_CAMPAIGN.replace("reply_to:", "reply-to:"));

    // when it is loaded
    InvalidCampaignException e = rejected(file);

    // then exactly that key is reported where it stands, with the keys that are allowed
    assertThat(e.problems()).containsExactly(new Problem(file.toString(), 6, 1,
        "unknown key 'reply-to'; expected one of " + TOP_KEYS));
  }

  @Test
  void reportsUnknownKeyInsideAStepWithLineColumnAndExpectedKeys() throws IOException {
    // given a misspelt 'subject' in the second step (line 19)
    Path file = write("spring-series", VALID_CAMPAIGN.replace("subject: \"Week one\"", "subjct: \"Week one\""));

    // when it is loaded
    InvalidCampaignException e = rejected(file);

    // then the unknown key is reported at its own position, and the step misses its subject
    assertThat(e.problems()).containsExactlyInAnyOrder(
        new Problem(file.toString(), 19, 5, "unknown key 'subjct' in steps[1]; expected one of " + STEP_KEYS),
        new Problem(file.toString(), 16, 5, "steps[1]: missing required key 'subject'"));
  }

  @Test
  void reportsMissingRequiredTopLevelFields() throws IOException {
    // given a campaign without name, postal_address and steps
    String text = VALID_CAMPAIGN.replace("name: \"Spring series\"\n", "")
        .replace("postal_address: \"Dripline, 100 Example Avenue, Springfield\"\n", "");
    text = text.substring(0, text.indexOf("steps:"));
    Path file = write("spring-series", text);

    // when it is loaded
    InvalidCampaignException e = rejected(file);

    // then each missing key is reported against the top-level mapping
    assertThat(e.problems()).extracting(Problem::toString).containsExactlyInAnyOrder(
        file + ":1:1: missing required key 'name'",
        file + ":1:1: missing required key 'postal_address'",
        file + ":1:1: missing required key 'steps'");
  }

  @Test
  void reportsMissingFromAddressAndStepSubject() throws IOException {
    // given a sender without address and a first step without subject
    Path file = write("spring-series", VALID_CAMPAIGN.replace("  address: \"stories@dripline.example\"\n", "")
        .replace("    subject: \"Welcome\"\n", ""));

    // when it is loaded
    InvalidCampaignException e = rejected(file);

    // then both are reported at the mapping that misses them
    assertThat(e.problems()).extracting(Problem::toString).containsExactlyInAnyOrder(
        file + ":4:3: from: missing required key 'address'",
        file + ":11:5: steps[0]: missing required key 'subject'");
  }

  @Test
  void reportsMissingFromSection() throws IOException {
    // given a campaign without any sender
    Path file = write("spring-series", VALID_CAMPAIGN.replace("""
        from:
          name: "Maya"
          address: "stories@dripline.example"
        """, ""));

    // when it is loaded
    InvalidCampaignException e = rejected(file);

    // then 'from' is named as missing
    assertThat(e.problems()).extracting(Problem::message).containsExactly("missing required key 'from'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"P7X", "P1M", "P1Y", "7 days", "P1W"})
  void rejectsOffsetsThatAreNotIsoDurationsOfDays(String offset) throws IOException {
    // given a second step whose offset is not an ISO-8601 duration of days/hours (line 17, column 13)
    Path file = write("spring-series", VALID_CAMPAIGN.replace("offset: P7D", "offset: " + offset));

    // when it is loaded
    InvalidCampaignException e = rejected(file);

    // then the offset is reported with a hint at ISO-8601
    assertThat(e.problems()).singleElement().satisfies(p -> {
      assertThat(p.line()).isEqualTo(17);
      assertThat(p.column()).isEqualTo(13);
      assertThat(p.message()).contains("'" + offset + "'").contains("ISO-8601");
    });
  }

  @Test
  void rejectsNegativeOffset() throws IOException {
    // given a second step with a negative offset
    Path file = write("spring-series", VALID_CAMPAIGN.replace("offset: P7D", "offset: -P7D"));

    // when it is loaded
    InvalidCampaignException e = rejected(file);

    // then it is reported as negative, and not also as out of order
    assertThat(e.problems()).containsExactly(
        new Problem(file.toString(), 17, 13, "offset '-P7D' must not be negative"));
  }

  @Test
  void rejectsOffsetsOutOfOrder() throws IOException {
    // given a first step two weeks out and a second step one week out
    Path file = write("spring-series", VALID_CAMPAIGN.replace("offset: P0D", "offset: P14D"));

    // when it is loaded
    InvalidCampaignException e = rejected(file);

    // then the later-listed, earlier step is reported
    assertThat(e.problems()).singleElement().satisfies(p -> {
      assertThat(p.line()).isEqualTo(17);
      assertThat(p.column()).isEqualTo(13);
      assertThat(p.message()).contains("comes before the previous step's")
          .contains("steps are sent in the order they are listed");
    });
  }

  @Test
  void acceptsStepsSharingTheSameOffset() throws IOException {
    // given two steps sent on the same day
    Path file = write("spring-series", VALID_CAMPAIGN.replace("offset: P7D", "offset: P0D"));

    // when it is loaded
    Campaign campaign = new CampaignLoader().load(file);

    // then both keep their offset
    assertThat(campaign.steps()).extracting(Step::offset).containsExactly(Duration.ZERO, Duration.ZERO);
  }

  @Test
  void rejectsDuplicateStepIds() throws IOException {
    // given two steps both called 'welcome'
    Path file = write("spring-series", VALID_CAMPAIGN.replace("id: week-1", "id: welcome"));

    // when it is loaded
    InvalidCampaignException e = rejected(file);

    // then the second one is reported
    assertThat(e.problems()).containsExactly(
        new Problem(file.toString(), 16, 9, "duplicate step id 'welcome'"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"../etc/passwd", "Foo.ftlh", "/etc/passwd", "spring-series/week-1.html.ftlh"})
  void rejectsTemplateNamesThatAreNotRelativeNames(String template) throws IOException {
    // given a step template that escapes the templates directory or carries an extension
    Path file = write("spring-series", VALID_CAMPAIGN.replace("template: spring-series/week-1",
        "template: \"" + template + "\""));

    // when it is loaded
    InvalidCampaignException e = rejected(file);

    // then the template is reported at its value
    assertThat(e.problems()).singleElement().satisfies(p -> {
      assertThat(p.line()).isEqualTo(18);
      assertThat(p.column()).isEqualTo(15);
      assertThat(p.message()).startsWith("template '" + template + "' must be a relative name");
    });
  }

  @Test
  void rejectsIdThatDoesNotMatchTheFileName() throws IOException {
    // given the valid campaign saved under another name
    Path file = write("autumn-series", VALID_CAMPAIGN);

    // when it is loaded
    InvalidCampaignException e = rejected(file);

    // then the id is reported against the file name
    assertThat(e.problems()).containsExactly(new Problem(file.toString(), 1, 5,
        "id 'spring-series' must match the file name 'autumn-series.yaml'"));
  }

  @Test
  void rejectsSenderAddressThatIsNotAnEmail() throws IOException {
    // given a sender address without '@'
    Path file = write("spring-series", VALID_CAMPAIGN.replace("stories@dripline.example", "stories-at-dripline"));

    // when it is loaded
    InvalidCampaignException e = rejected(file);

    // then the address is reported at its value
    assertThat(e.problems()).containsExactly(new Problem(file.toString(), 5, 12,
        "'from.address' is not an email address: 'stories-at-dripline'"));
  }

  @Test
  void reportsEveryProblemAtOnceWithLineAndColumn() throws IOException {
    // given a file with five different mistakes
    Path file = write("spring-series", """
        id: spring-series
        name: ""
        from:
          address: "nobody"
        postal_address: "Dripline, Springfield"
        colour: blue
        steps:
          - id: welcome
            offset: P1M
            template: ../welcome
            subject: "Welcome"
        """);

    // when it is loaded
    InvalidCampaignException e = rejected(file);

    // then all five are reported together, each as file:line:column: message
    assertThat(e.problems()).hasSize(5);
    assertThat(e.problems()).extracting(Problem::toString).containsExactlyInAnyOrder(
        file + ":2:7: 'name' must not be empty",
        file + ":4:12: 'from.address' is not an email address: 'nobody'",
        file + ":6:1: unknown key 'colour'; expected one of " + TOP_KEYS,
        file + ":9:13: offset 'P1M' is not an ISO-8601 duration such as P0D, P7D or PT12H"
            + " (months and years are not fixed lengths: use days)",
        file + ":10:15: template '../welcome' must be a relative name such as working-mom-guilt/welcome"
            + " (no '..', no extension)");
    assertThat(e.getMessage().lines()).hasSize(5).first().asString().startsWith(file + ":2:7: ");
  }

  @Test
  void reportsUnclosedQuoteAsOneProblemWithALine() throws IOException {
    // given a name whose quote is never closed
    Path file = write("spring-series", VALID_CAMPAIGN.replace("name: \"Spring series\"", "name: \"Spring series"));

    // when it is loaded
    InvalidCampaignException e = rejected(file);

    // then one YAML problem with a position is reported
    assertThat(e.problems()).singleElement().satisfies(p -> {
      assertThat(p.file()).isEqualTo(file.toString());
      assertThat(p.line()).isPositive();
      assertThat(p.column()).isPositive();
      assertThat(p.message()).startsWith("not valid YAML: ");
    });
  }

  @Test
  void reportsBadIndentationAsOneProblemOnItsLine() throws IOException {
    // given a key indented under a scalar on line 2
    Path file = write("spring-series", """
        id: spring-series
        name: "Spring series"
          postal_address: "Springfield"
        """);

    // when it is loaded
    InvalidCampaignException e = rejected(file);

    // then one YAML problem is reported on the offending line
    assertThat(e.problems()).singleElement().satisfies(p -> {
      assertThat(p.line()).isEqualTo(3);
      assertThat(p.message()).startsWith("not valid YAML: ");
    });
  }

  @Test
  void reportsDuplicateTopLevelKey() throws IOException {
    // given 'name' twice
    Path file = write("spring-series", VALID_CAMPAIGN.replace("reply_to:", "name: \"Again\"\nreply_to:"));

    // when it is loaded
    InvalidCampaignException e = rejected(file);

    // then the second occurrence is reported
    assertThat(e.problems()).containsExactly(new Problem(file.toString(), 6, 1, "duplicate key 'name'"));
  }

  @Test
  void rejectsAnEmptyFile() throws IOException {
    // given an empty file
    Path file = write("spring-series", "");

    // when it is loaded
    InvalidCampaignException e = rejected(file);

    // then the whole file is reported as empty
    assertThat(e.problems()).containsExactly(new Problem(file.toString(), 0, 0, "file is empty"));
    assertThat(e.getMessage()).isEqualTo(file + ": file is empty");
  }

  @Test
  void rejectsAFileOfOnlyComments() throws IOException {
    // given a file with comments and no content
    Path file = write("spring-series", "# to do: write the campaign\n\n");

    // when it is loaded
    InvalidCampaignException e = rejected(file);

    // then it counts as empty
    assertThat(e.problems()).extracting(Problem::message).containsExactly("file is empty");
  }

  @Test
  void rejectsBillionLaughsAliasBombBeforeItExpands() throws IOException {
    // given an alias bomb that would expand to 9^9 strings
    Path file = write("spring-series", """
        a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
        b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
        c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
        d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
        e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
        f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
        g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
        h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
        i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
        """);

    // when it is loaded
    InvalidCampaignException e = rejected(file);

    // then it is refused as invalid YAML by the parser's alias limit, before anything expands
    assertThat(e.problems()).singleElement().extracting(Problem::message).asString()
        .startsWith("not valid YAML: ").contains("aliases");
  }

  @Test
  void rejectsAFileThatIsNotUtf8() throws IOException {
    // given a Latin-1 file ("Café" with a single 0xE9 byte)
    Path file = tmp.resolve("spring-series.yaml");
    Files.write(file, VALID_CAMPAIGN.replace("Spring series", "Café").getBytes(StandardCharsets.ISO_8859_1));

    // when it is loaded
    InvalidCampaignException e = rejected(file);

    // then the encoding is named for the whole file
    assertThat(e.problems()).containsExactly(new Problem(file.toString(), 0, 0, "file is not valid UTF-8"));
  }

  @Test
  void acceptsUtf8WithByteOrderMark() throws IOException {
    // given the valid campaign saved with a UTF-8 byte order mark, as some Windows editors do
    Path file = write("spring-series", "\uFEFF" + VALID_CAMPAIGN);

    // when it is loaded
    Campaign campaign = new CampaignLoader().load(file);

    // then it loads like the same file without the mark
    assertThat(campaign.id()).isEqualTo("spring-series");
  }

  @Test
  void rejectsATopLevelListInsteadOfAMapping() throws IOException {
    // given a file that is a YAML list
    Path file = write("spring-series", """
        - id: spring-series
        - name: "Spring series"
        """);

    // when it is loaded
    InvalidCampaignException e = rejected(file);

    // then one problem says the file must be a mapping
    assertThat(e.problems()).containsExactly(
        new Problem(file.toString(), 1, 1, "must be a mapping of keys to values"));
  }

  @Test
  void parsesNestedAudienceGroupsIntoARuleTree() throws IOException {
    // given an audience combining all, any and none groups
    Path file = write("spring-series", VALID_CAMPAIGN.replace("""
        audience:
          all:
            - tag: working-mom
        """, """
        audience:
          all:
            - tag: working-mom
            - any:
                - tag: newsletter
                - tag: returning-from-leave
          none:
            - tag: churned
            - all:
                - tag: vip
                - none:
                    - tag: beta
        """));

    // when it is loaded
    Campaign campaign = new CampaignLoader().load(file);

    // then the rule tree mirrors the YAML: the top-level groups combined with ALL
    assertThat(campaign.audience()).isEqualTo(new Rule.Group(Rule.Group.Kind.ALL, List.of(
        new Rule.Group(Rule.Group.Kind.ALL, List.of(
            new Rule.Tag("working-mom"),
            new Rule.Group(Rule.Group.Kind.ANY, List.of(new Rule.Tag("newsletter"), new Rule.Tag("returning-from-leave"))))),
        new Rule.Group(Rule.Group.Kind.NONE, List.of(
            new Rule.Tag("churned"),
            new Rule.Group(Rule.Group.Kind.ALL, List.of(
                new Rule.Tag("vip"),
                new Rule.Group(Rule.Group.Kind.NONE, List.of(new Rule.Tag("beta"))))))))));
  }

  @Test
  void treatsAMissingAudienceAsEveryone() throws IOException {
    // given a campaign without audience
    Path file = write("spring-series", VALID_CAMPAIGN.replace("""
        audience:
          all:
            - tag: working-mom
        """, ""));

    // when it is loaded
    Campaign campaign = new CampaignLoader().load(file);

    // then everyone subscribed is the audience
    assertThat(campaign.audience()).isEqualTo(Rule.EVERYONE);
  }

  @Test
  void rejectsInvalidTagAndUnknownRuleKeyInAudience() throws IOException {
    // given an audience rule with a space in its tag and a misspelt rule key
    Path file = write("spring-series", VALID_CAMPAIGN.replace("    - tag: working-mom\n",
        "    - tag: working mom\n    - tags: newsletter\n"));

    // when it is loaded
    InvalidCampaignException e = rejected(file);

    // then both rules are reported where they stand (the expected keys in no particular order)
    assertThat(e.problems()).hasSize(2);
    assertThat(e.problems()).extracting(Problem::toString).contains(
        file + ":10:12: tag 'working mom' is not a valid tag name (letters, digits, '-', '_', '.')");
    assertThat(e.problems()).filteredOn(p -> p.line() == 11).singleElement().satisfies(p -> {
      assertThat(p.column()).isEqualTo(7);
      assertThat(p.message()).startsWith("unknown key 'tags' in rule; expected one of ")
          .contains("tag", "all", "any", "none");
    });
  }

  private Path write(String id, String text) throws IOException {
    return Files.writeString(tmp.resolve(id + ".yaml"), text, StandardCharsets.UTF_8);
  }

  private static InvalidCampaignException rejected(Path file) {
    InvalidCampaignException e = catchThrowableOfType(InvalidCampaignException.class,
        () -> new CampaignLoader().load(file));
    assertThat(e).as("load(%s) should throw InvalidCampaignException", file).isNotNull();
    return e;
  }
}
