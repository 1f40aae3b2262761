package org.dripline.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.dripline.campaign.Campaign;
import org.dripline.campaign.CampaignLoader;
import org.dripline.render.TemplateEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Subjects in reports: rendered for one sample subscriber, and a short reason when that fails. */
class SampleSubjectsTests {

  static final Path SHIPPED = Path.of("campaigns/working-mom-guilt.yaml");
  static final SampleSubjects SUBJECTS = new SampleSubjects(new TemplateEngine(Path.of("templates")));

  @TempDir
  Path tmp;

  @Test
  void everySubjectOfTheShippedSeriesIsRenderedForTheSample() {
    // given the shipped series, whose welcome and week-6 subjects are FreeMarker
    Campaign series = new CampaignLoader().load(SHIPPED);

    // when its subjects are rendered for the sample
    Map<String, SampleSubjects.Subject> subjects = SUBJECTS.of(series);

    // then each is plain text, in step order, with the sample's first name
    assertThat(subjects.keySet()).containsExactlyElementsOf(series.stepIds());
    assertThat(subjects.values()).allSatisfy(s -> {
      assertThat(s.problem()).isNull();
      assertThat(s.text()).doesNotContain("<#").doesNotContain("${").doesNotContain("</#");
    });
    assertThat(subjects.get("welcome").text()).isEqualTo("Sam, you love your kids and your career");
    assertThat(subjects.get("week-6").display()).isEqualTo("Sam, you can be both");
  }

  @Test
  void aSubjectThatFailsToRenderShowsAShortReasonAndTheOthersStillRender() throws IOException {
    // given week-2's subject reads an attribute the sample does not have
    Campaign broken = edited("subject: \"Burnout is a signal, not a failure\"",
        "subject: \"${subscriber.attributes.kids_ages} and burnout\"");

    // when the subjects are rendered
    Map<String, SampleSubjects.Subject> subjects = SUBJECTS.of(broken);

    // then week-2 has one short line naming its subject template, no stack trace, and the rest render
    SampleSubjects.Subject week2 = subjects.get("week-2");
    assertThat(week2.text()).isNull();
    assertThat(week2.problem()).contains("week-2/subject").contains("kids_ages").doesNotContain("\n")
        .doesNotContain("\tat ").doesNotContain("Exception").hasSizeLessThanOrEqualTo(160);
    assertThat(week2.display()).startsWith("(not rendered: ");
    assertThat(subjects.get("welcome").text()).isEqualTo("Sam, you love your kids and your career");
  }

  @Test
  void templatesThatDoNotCompileLeaveEverySubjectWithTheReason() throws IOException {
    // given a step whose template file does not exist
    Campaign broken = edited("template: working-mom-guilt/week-3", "template: working-mom-guilt/week-33");

    // when the subjects are rendered / then none is, and each says why in one line
    assertThat(SUBJECTS.of(broken).values()).allSatisfy(s -> {
      assertThat(s.text()).isNull();
      assertThat(s.problem()).startsWith("the campaign's templates have problems").doesNotContain("\n");
    });
  }

  Campaign edited(String from, String to) throws IOException {
    String text = Files.readString(SHIPPED);
    assertThat(text).contains(from);
    Path file = tmp.resolve("working-mom-guilt.yaml");
    Files.writeString(file, text.replace(from, to));
    return new CampaignLoader().load(file);
  }
}
