package org.dripline.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.dripline.campaign.InvalidCampaignException;
import org.dripline.campaign.Problem;
import org.dripline.infra.ConflictException;
import org.dripline.infra.InvalidInputException;
import org.dripline.infra.NotFoundException;
import org.dripline.render.TemplateProblemsException;
import org.dripline.run.RunRefusedException;
import org.dripline.subscriber.importing.InvalidImportException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The API's one mapping from exceptions to problem+json, through Spring MVC's own handler
 * resolution (a controller that throws, no application context): each kind of refusal gets its
 * status and its extras, anything else is a 500 that gives nothing away.
 */
@ExtendWith(OutputCaptureExtension.class)
class ApiProblemsTests {

  /** Throws whatever the test hands it; in this package, so ApiProblems advises it. */
  @RestController
  static class Failing {
    RuntimeException next;

    @GetMapping("/fail")
    void fail() {
      throw next;
    }
  }

  private final Failing controller = new Failing();
  private final MockMvcTester mvc = MockMvcTester.of(List.of(controller),
      builder -> builder.setControllerAdvice(new ApiProblems()).build());

  @Test
  void invalidInputIsA400WithTheMessage() {
    // given a service that rejects an address, and an import that rejects a file
    // when each reaches the API
    MvcTestResult address = answer(new InvalidInputException("'ann@' is not a valid email address"));
    MvcTestResult file = answer(new InvalidImportException("people.csv: the file is empty"));

    // then both are 400 problems saying what is wrong
    assertThat(address).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
        .bodyJson().extractingPath("$.detail").isEqualTo("'ann@' is not a valid email address");
    assertThat(file).hasStatus(400).bodyJson().extractingPath("$.detail").isEqualTo("people.csv: the file is empty");
  }

  @Test
  void anInvalidFieldIsA400NamingTheField() {
    // given a request whose limit is out of range
    // when it is refused
    MvcTestResult result = answer(new InvalidFieldException("limit", "limit must be between 1 and 500"));

    // then the problem names the field
    assertThat(result).hasStatus(400).bodyJson().extractingPath("$.field").isEqualTo("limit");
    assertThat(result).bodyJson().extractingPath("$.detail").isEqualTo("limit must be between 1 and 500");
  }

  @Test
  void campaignAndTemplateProblemsAreA400ListingEveryProblemInFileOrder() {
    // given a campaign file with two problems, and templates with one
    List<Problem> problems = List.of(new Problem("c.yaml", 9, 3, "unknown key 'sbject'"),
        new Problem("c.yaml", 2, 1, "'name' is required"));

    // when each reaches the API
    MvcTestResult campaign = answer(new InvalidCampaignException(problems));
    MvcTestResult templates = answer(new TemplateProblemsException(List.of(new Problem("welcome.html.ftl", 4, 7,
        "unclosed ${"))));

    // then each is a 400 with every problem, file:line:column first
    assertThat(campaign).hasStatus(400).bodyJson().extractingPath("$.problems")
        .isEqualTo(List.of("c.yaml:2:1: 'name' is required", "c.yaml:9:3: unknown key 'sbject'"));
    assertThat(campaign).bodyJson().extractingPath("$.detail").isEqualTo("the campaign file has problems");
    assertThat(templates).hasStatus(400).bodyJson().extractingPath("$.problems")
        .isEqualTo(List.of("welcome.html.ftl:4:7: unclosed ${"));
    assertThat(templates).bodyJson().extractingPath("$.detail").isEqualTo("the campaign's templates have problems");
  }

  @Test
  void anUnknownIdIsA404() {
    // given a run id nobody knows
    // when it is asked for
    MvcTestResult result = answer(new NotFoundException("no run with id 987654"));

    // then 404 with the message
    assertThat(result).hasStatus(404).hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
        .bodyJson().extractingPath("$.detail").isEqualTo("no run with id 987654");
  }

  @Test
  void aRunInTheWrongStateIsA409() {
    // given a stop of a run that is not running, and a start of one already running
    // when each reaches the API
    MvcTestResult stop = answer(new ConflictException("run 7 is not running (COMPLETED)"));
    MvcTestResult start = answer(new RunRefusedException("the run c at 2026-12-01T08:00:00Z is already running", null));

    // then both are 409 with the message
    assertThat(stop).hasStatus(409).bodyJson().extractingPath("$.detail").isEqualTo("run 7 is not running (COMPLETED)");
    assertThat(start).hasStatus(409).bodyJson().extractingPath("$.detail")
        .isEqualTo("the run c at 2026-12-01T08:00:00Z is already running");
  }

  @Test
  void anUnexpectedIllegalStateExceptionIsA500ThatGivesNothingAwayAndIsLoggedWithItsStackTrace(CapturedOutput log) {
    // given a failure of Dripline itself, not a run in the wrong state
    // when it reaches the API
    MvcTestResult result = answer(new IllegalStateException("DKIM signing failed", new RuntimeException("key 0x5f")));

    // then 500, not 409, without its message or type; the server log has the whole of it
    assertThat(result).hasStatus(500).hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
        .bodyJson().extractingPath("$.detail").isEqualTo("the request failed (details in the server log)");
    assertThat(result).bodyText().doesNotContain("DKIM").doesNotContain("IllegalState").doesNotContain("0x5f");
    assertThat(log.getOut() + log.getErr()).contains("API request failed")
        .contains("java.lang.IllegalStateException: DKIM signing failed").contains("at org.dripline.web.api.");
  }

  @Test
  void aBareIllegalArgumentExceptionIsABugAndA500() {
    // given an IllegalArgumentException that is not an InvalidInputException (a guard in our own code)
    // when it reaches the API
    MvcTestResult result = answer(new IllegalArgumentException("unsafe character U+000A in a header value"));

    // then it is not blamed on the request
    assertThat(result).hasStatus(500).bodyText().doesNotContain("U+000A");
  }

  private MvcTestResult answer(RuntimeException failure) {
    controller.next = failure;
    return mvc.get().uri("/fail").exchange();
  }
}
