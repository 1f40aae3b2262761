package org.dripline.campaign;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dripline.segment.Rule;

/**
 * A validated campaign definition. {@code versionHash} is the SHA-256 of the file's bytes:
 * enrollments remember the version they started on and follow its step structure
 * ({@link #structureHash}); {@code changes} says how those already in the series move when this
 * version comes into force (docs/architecture.md, "Changing a live campaign"). {@code links}: the
 * pages the series points at, by name ({@code links:} in the file, {@code ${links.post}} in templates),
 * each an absolute https URL. {@code broadcast}: null for a drip series; set for a newsletter issue
 * ({@code newsletters/<id>.yaml}), whose steps are its variants.
 */
public record Campaign(String id, String name, Sender from, String replyTo, String postalAddress,
    String language, String layout, Rule audience, Schedule schedule, List<Step> steps, Location layoutLocation,
    String sourceFile, String definition, String versionHash, Changes changes, Lifecycle lifecycle,
    Map<String, String> links, Broadcast broadcast) {

  public Campaign {
    links = links == null ? Map.of() : links;
  }

  /** A drip campaign (no broadcast). */
  public Campaign(String id, String name, Sender from, String replyTo, String postalAddress,
      String language, String layout, Rule audience, Schedule schedule, List<Step> steps, Location layoutLocation,
      String sourceFile, String definition, String versionHash, Changes changes, Lifecycle lifecycle,
      Map<String, String> links) {
    this(id, name, from, replyTo, postalAddress, language, layout, audience, schedule, steps, layoutLocation,
        sourceFile, definition, versionHash, changes, lifecycle, links, null);
  }

  /** Whether this is a newsletter issue (sent once to a snapshot of lists) rather than a drip series. */
  public boolean isBroadcast() {
    return broadcast != null;
  }

  /** A campaign without named links. */
  public Campaign(String id, String name, Sender from, String replyTo, String postalAddress,
      String language, String layout, Rule audience, Schedule schedule, List<Step> steps, Location layoutLocation,
      String sourceFile, String definition, String versionHash, Changes changes, Lifecycle lifecycle) {
    this(id, name, from, replyTo, postalAddress, language, layout, audience, schedule, steps, layoutLocation,
        sourceFile, definition, versionHash, changes, lifecycle, Map.of());
  }

  /**
   * What a subscriber pinned to this version follows: the step ids, their order, offsets and
   * conditions. Subjects, preheaders and templates are content: a fix there reaches everyone who
   * has not had the step yet, so it is left out. Two versions with the same structure hash plan
   * alike.
   */
  public String structureHash() {
    StringBuilder structure = new StringBuilder();
    for (Step step : steps) {
      structure.append(step.id()).append('\u0000').append(step.offset()).append('\u0000')
          .append(step.when()).append('\n');
    }
    return Hashes.sha256(structure.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** The step ids in order. */
  public List<String> stepIds() {
    return steps.stream().map(Step::id).toList();
  }

  public Optional<Step> step(String stepId) {
    return steps.stream().filter(s -> s.id().equals(stepId)).findFirst();
  }

  /**
   * Position of a step as a reader sees it ("email 2 of 8"). Steps sharing an offset are
   * alternatives (a variant) and share a position. A lone conditional step at its own offset
   * (a check-in) is an extra that only some readers get: it has no number (0), since any number it
   * took would repeat its neighbour's or be skipped on the other paths, and "N of total" would be
   * false for someone.
   */
  public int stepNumber(String stepId) {
    Step step = step(stepId).orElseThrow(() -> new IllegalArgumentException("no step " + stepId + " in campaign " + id));
    List<java.time.Duration> positions = positions();
    return positions.contains(step.offset()) ? positions.indexOf(step.offset()) + 1 : 0;
  }

  /** How many emails every reader gets: the number of positions. */
  public int seriesLength() {
    return positions().size();
  }

  private java.util.List<java.time.Duration> positions() {
    return steps.stream().map(Step::offset).distinct()
        .filter(offset -> steps.stream().filter(s -> s.offset().equals(offset)).count() > 1
            || steps.stream().anyMatch(s -> s.offset().equals(offset) && s.when() == null))
        .toList();
  }

}
