package org.dripline.web.api;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dripline.campaign.CampaignCatalog;
import org.dripline.delivery.SendFailure;
import org.dripline.delivery.TestSends;
import org.dripline.newsletter.Newsletters;
import org.dripline.run.NewsletterRuns;
import org.dripline.run.RunView;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Newsletter issues over HTTP, as the CLI's {@code newsletter} command: status, send (202 and the
 * run to watch), schedule, cancel and a test send. Errors are problem+json like every API answer:
 * 404 unknown issue, 400 a bad file or address, 409 an issue already sent or cancelled.
 */
@RestController
@ConditionalOnWebApplication
@RequestMapping(path = "/api/newsletters", produces = "application/json")
class NewslettersController {

  private final Newsletters newsletters;
  private final NewsletterRuns runs;
  private final CampaignCatalog catalog;
  private final Clock clock;

  NewslettersController(Newsletters newsletters, NewsletterRuns runs, CampaignCatalog catalog, Clock clock) {
    this.newsletters = newsletters;
    this.runs = runs;
    this.catalog = catalog;
    this.clock = clock;
  }

  /** One line per issue file: its state, or its problems when it does not load. */
  record Summary(String id, String state, List<String> problems) {
  }

  @GetMapping
  List<Summary> all() {
    List<Summary> all = new ArrayList<>();
    for (CampaignCatalog.Loaded loaded : catalog.loadNewsletters()) {
      if (loaded.campaign() == null) {
        all.add(new Summary(loaded.id(), "INVALID", loaded.problems().stream().map(Object::toString).toList()));
      } else {
        all.add(new Summary(loaded.id(), newsletters.status(loaded.id()).state(), List.of()));
      }
    }
    return all;
  }

  @GetMapping("/{id}")
  Newsletters.Status status(@PathVariable("id") String id) {
    return newsletters.status(id);
  }

  /** Optional {@code asOf} (ISO-8601 instant; absent: now, or the last run when it stopped or failed, which continues). */
  record SendRequest(String asOf) {
  }

  @PostMapping("/{id}/send")
  ResponseEntity<RunView> send(@PathVariable("id") String id, @RequestBody(required = false) SendRequest request) {
    String given = request == null ? null : request.asOf();
    // Without an asOf, as the CLI's `newsletter send`: a stopped or failed run of the issue continues.
    RunView run = given == null || given.isBlank() ? runs.start(id)
        : runs.start(id, InvalidFieldException.instant("asOf", given, clock.instant()));
    return ResponseEntity.accepted().location(URI.create("/api/runs/" + run.id())).body(run);
  }

  @PostMapping("/{id}/schedule")
  Newsletters.Status schedule(@PathVariable("id") String id) {
    runs.schedule(id);
    return newsletters.status(id);
  }

  @PostMapping("/{id}/cancel")
  Map<String, Object> cancel(@PathVariable("id") String id) {
    int cancelled = newsletters.cancel(id, clock.instant());
    return Map.of("cancelledDeliveries", cancelled, "status", newsletters.status(id));
  }

  /** {@code to}: the addresses (at most {@link TestSends#MAX_ADDRESSES}). */
  record TestRequest(List<String> to) {
  }

  @PostMapping(path = "/{id}/test", consumes = "application/json")
  ResponseEntity<?> test(@PathVariable("id") String id, @RequestBody(required = false) TestRequest request) {
    if (request == null || request.to() == null || request.to().isEmpty()) {
      throw new InvalidFieldException("to", "give the addresses to send the test to, e.g. {\"to\":[\"me@example.org\"]}");
    }
    try {
      return ResponseEntity.ok(newsletters.test(id, request.to()));
    } catch (SendFailure e) {
      // The mail server's failure, not the caller's request.
      return ResponseEntity.of(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, "test send failed: "
          + e.getMessage())).build();
    }
  }
}
