package org.dripline.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import org.dripline.segment.Rule;
import org.dripline.segment.Rule.Attribute.Operator;
import org.junit.jupiter.api.Test;

/** Audience rules, step conditions and send windows as marketers write them in YAML. */
class RuleParsingTests {

  /** A valid campaign with placeholders for the audience, a step's when and the schedule. */
  static final String CAMPAIGN = """
      id: series
      name: Series
      from: { name: Maya, address: maya@example.org }
      postal_address: 1 Example Street
      %s
      steps:
        - id: welcome
          offset: P0D
          template: series/welcome
          subject: Hello
        - id: check-in
          offset: P3D
          template: series/check-in
          subject: How are you?
      %s
      """;

  @Test
  void parsesEveryRuleTypeWithItsWrittenValueType() {
    // given an audience using every rule type
    Campaign campaign = load("""
        audience:
          all:
            - tag: working-mom
            - attribute: kids
              gte: 2
            - attribute: since
              lt: 2026-01-01
            - attribute: plan
              in: [pro, "2"]
            - attribute: role
              contains: "engineer"
            - attribute: phone
              exists: false
            - subscribed: { within: P30D }
            - timezone: [Europe/Berlin, Pacific/Auckland]
            - country: DE
          none:
            - opened: welcome
            - clicked: { step: welcome, link: "https://example.com/burnout" }
            - not_opened_last: 3
        """, "");

    // then each is typed as written: unquoted numbers and dates are typed, quoted values are text
    Rule.Group all = (Rule.Group) ((Rule.Group) campaign.audience()).rules().get(0);
    assertThat(all.rules()).containsExactly(
        new Rule.Tag("working-mom"),
        new Rule.Attribute("kids", Operator.GTE, List.of(Rule.Value.number(new BigDecimal("2")))),
        new Rule.Attribute("since", Operator.LT, List.of(Rule.Value.date(LocalDate.of(2026, 1, 1)))),
        new Rule.Attribute("plan", Operator.IN, List.of(Rule.Value.text("pro"), Rule.Value.text("2"))),
        new Rule.Attribute("role", Operator.CONTAINS, List.of(Rule.Value.text("engineer"))),
        new Rule.Attribute("phone", Operator.MISSING, List.of()),
        new Rule.Subscribed(null, null, Duration.ofDays(30)),
        new Rule.Timezone(List.of("Europe/Berlin", "Pacific/Auckland")),
        new Rule.Attribute("country", Operator.IN, List.of(Rule.Value.text("DE"))));
    Rule.Group none = (Rule.Group) ((Rule.Group) campaign.audience()).rules().get(1);
    assertThat(none.rules()).containsExactly(
        new Rule.Engagement(Rule.Engagement.Kind.OPENED, null, "welcome", null),
        new Rule.Engagement(Rule.Engagement.Kind.CLICKED, null, "welcome", "https://example.com/burnout"),
        new Rule.NotOpenedLast(3));
  }

  @Test
  void reportsRuleMistakesWithFileLineAndColumn() {
    // given an audience with an unknown operator, a text compared with gt, an unknown step and a bad zone
    InvalidCampaignException e = rejected("""
        audience:
          all:
            - attribute: kids
              greater: 2
            - attribute: kids
              gt: many
            - clicked: { step: week-9 }
            - timezone: Mars/Olympus
        """, "");

    // then each is reported where it stands
    assertThat(e.problems()).extracting(Problem::toString).anySatisfy(p ->
            assertThat(p).startsWith("series.yaml:8:7: unknown key 'greater' in rule"))
        .contains("series.yaml:10:11: 'gt' compares numbers or dates (2026-12-01), not text 'many'",
            "series.yaml:11:24: unknown step 'week-9'; steps are welcome, check-in",
            "series.yaml:12:17: unknown timezone 'Mars/Olympus' (use an IANA name such as Europe/Berlin)");
  }

  @Test
  void readsAStepConditionAndTheSendWindow() {
    // given a conditional step and a Tuesday-morning window in New York time
    Campaign campaign = load("", """
        schedule:
          timezone: America/New_York
          send_window: { days: [TUE, thu], from: "07:00", to: "9:30" }
        """);

    // then the window is typed and the default zone set
    assertThat(campaign.schedule().defaultZone().getId()).isEqualTo("America/New_York");
    assertThat(campaign.schedule().window()).isEqualTo(new Schedule.Window(Set.of(DayOfWeek.TUESDAY, DayOfWeek.THURSDAY),
        LocalTime.of(7, 0), LocalTime.of(9, 30)));
  }

  @Test
  void attachesTheConditionToItsStep() {
    // given the check-in only for those who clicked in the welcome
    String text = CAMPAIGN.formatted("", "").replace("    subject: How are you?",
        "    subject: How are you?\n    when: { clicked: welcome }");
    Campaign campaign = new CampaignLoader().parse("series.yaml", "series", text, "hash");

    // then the step carries it and the first step has none
    assertThat(campaign.step("check-in").orElseThrow().when())
        .isEqualTo(new Rule.Engagement(Rule.Engagement.Kind.CLICKED, null, "welcome", null));
    assertThat(campaign.step("welcome").orElseThrow().when()).isNull();
  }

  @Test
  void rejectsAWindowThatEndsBeforeItStarts() {
    InvalidCampaignException e = rejected("", """
        schedule:
          send_window: { days: [MON], from: "10:00", to: "09:00" }
        """);
    assertThat(e.problems()).extracting(Problem::message).contains("send_window 'to' must be after 'from' on the same day");
  }

  static Campaign load(String audience, String schedule) {
    return new CampaignLoader().parse("series.yaml", "series", CAMPAIGN.formatted(audience, schedule), "hash");
  }

  static InvalidCampaignException rejected(String audience, String schedule) {
    return catchThrowableOfType(InvalidCampaignException.class, () -> load(audience, schedule));
  }
}
