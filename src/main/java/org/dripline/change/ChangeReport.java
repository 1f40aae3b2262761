package org.dripline.change;

import java.time.Instant;
import java.util.List;

/**
 * What putting the campaign file in force would do to the people already in the series: the
 * edits (against the version in force), each group of people (by the version they follow) with
 * what they get next and when, and the hazards. Safe when there are none.
 *
 * @param asOf       the instant conditions are judged at and due dates compared with
 * @param inForce    the version in force, null before the campaign's first run
 * @param onDisk     the file's version
 * @param changeHash what {@code --accept-change} takes to put this very change in force despite its hazards
 * @param moves      whether the file's {@code changes:} block moves in-flight subscribers to its structure
 */
public record ChangeReport(String campaignId, Instant asOf, String inForce, String onDisk, String changeHash, boolean moves,
    List<Edit> edits, List<Group> groups, List<Hazard> hazards, List<String> notes) {

  public boolean unchanged() {
    return inForce == null || inForce.equals(onDisk);
  }

  public boolean safe() {
    return hazards.isEmpty();
  }

  /**
   * This report without the hazards that already hold ({@code standing}: same kind and step, as
   * many people or more), since they were declared or accepted when the version in force came in.
   */
  ChangeReport without(List<Hazard> standing) {
    List<Hazard> left = hazards.stream().filter(h -> standing.stream().noneMatch(s -> s.kind() == h.kind()
        && java.util.Objects.equals(s.stepId(), h.stepId()) && s.people() >= h.people())).toList();
    return new ChangeReport(campaignId, asOf, inForce, onDisk, changeHash, moves, edits, groups, left, notes);
  }

  /** One edit of the file against the version in force. */
  public record Edit(Kind kind, String stepId, String detail) {
    public enum Kind { ADDED, REMOVED, RENAMED, MOVED, OFFSET, CONDITION, CONTENT, SETTINGS }
  }

  /**
   * The people in flight on one version.
   *
   * @param moves whether they move to the file's structure (else they stay on their version's)
   * @param steps per step of the structure they will follow: how many have had it, skipped it, have it planned
   * @param next  what they get next and when (stepId null: nothing more)
   */
  public record Group(String version, long people, boolean moves, List<StepCount> steps, List<Next> next) {
  }

  public record StepCount(String stepId, long received, long skipped, long planned) {
  }

  /**
   * {@code people} get {@code stepId} next, due between {@code earliest} and {@code latest} (null:
   * nothing more); {@code conditional}: only if its condition matches them then, else the step after.
   */
  public record Next(String stepId, boolean conditional, long people, Instant earliest, Instant latest) {
  }

  /** A consequence nobody asked for; a run refuses the change until it is declared or accepted. */
  public record Hazard(Kind kind, String stepId, long people, String message) {
    public enum Kind { RESEND, OUT_OF_ORDER, NEVER_GET, CONDITION_FEWER }
  }
}
