package org.dripline.change;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.stream.Collectors;
import org.dripline.campaign.Campaign;
import org.dripline.campaign.Changes;
import org.dripline.campaign.Hashes;
import org.dripline.campaign.Step;
import org.dripline.change.ChangeReport.Hazard;
import org.dripline.change.LedgerPattern.Held;

/**
 * The rules of a live change, without a database: given the file, the version in force, the
 * versions people follow and where they stand, what each group gets and which consequences are
 * hazards. {@code diff} prints it; adoption refuses on its hazards, so both judge alike.
 *
 * <p>Without a {@code changes:} block, people stay on the structure of their version: a step the
 * file dropped is skipped for them (its content is gone), a step the file added never reaches them.
 * With one, everyone in flight moves to the file's structure: renamed steps count as had, steps that
 * now come before what they already had are skipped or sent next as declared, removed steps are
 * dropped.
 */
final class ChangeAnalysis {

  /** Of those on {@code versions} without step {@code after} yet, how many each condition matches. */
  interface ConditionCounter {
    long[] counts(List<String> versions, Step before, Step after);
  }

  private final Campaign file;
  private final Campaign inForce;
  private final Function<String, Campaign> versions;
  private final Instant asOf;
  private final Map<String, HazardSum> hazards = new LinkedHashMap<>();

  /**
   * @param inForce  the version in force (null before the first run)
   * @param versions a version hash to its definition (the file's when it cannot be read back)
   */
  ChangeAnalysis(Campaign file, Campaign inForce, Function<String, Campaign> versions, Instant asOf) {
    this.file = file;
    this.inForce = inForce;
    this.versions = versions;
    this.asOf = asOf;
  }

  /** The hash {@code --accept-change} names: this transition, from the version in force to the file. */
  static String changeHash(String inForce, String onDisk) {
    return Hashes.shortHash(Hashes.sha256((inForce + "->" + onDisk).getBytes(StandardCharsets.UTF_8)));
  }

  ChangeReport analyse(List<LedgerPattern> patterns, ConditionCounter conditions) {
    Changes changes = file.changes();
    Map<String, List<LedgerPattern>> byVersion = patterns.stream()
        .collect(Collectors.groupingBy(LedgerPattern::versionHash, TreeMap::new, Collectors.toList()));
    List<ChangeReport.Group> groups = new ArrayList<>();
    byVersion.forEach((version, places) -> {
      Campaign followed = version.equals(file.versionHash()) ? file : versions.apply(version);
      boolean same = followed.structureHash().equals(file.structureHash());
      boolean moves = !same && changes.declared();
      groups.add(moves ? moving(version, followed, places) : staying(version, followed, places, same));
      if (moves) {
        conditionHazards(version, followed, conditions);
      }
    });
    List<Hazard> found = hazards.values().stream().map(HazardSum::hazard).toList();
    String from = inForce == null ? null : inForce.versionHash();
    return new ChangeReport(file.id(), asOf, from, file.versionHash(), changeHash(from, file.versionHash()),
        changes.declared(), edits(), groups, found, notes());
  }

  /** People who stay on their version's structure; content comes from the file. */
  private ChangeReport.Group staying(String version, Campaign followed, List<LedgerPattern> places, boolean same) {
    Set<String> fileIds = Set.copyOf(file.stepIds());
    List<String> structure = followed.stepIds();
    Map<String, Next> next = new LinkedHashMap<>();
    for (LedgerPattern place : places) {
      String upcoming = null;
      for (Step step : followed.steps()) {
        Held held = place.held(step.id());
        boolean retired = !fileIds.contains(step.id());
        if (retired && held != Held.RECEIVED && held != Held.SKIPPED) {
          hazard(Hazard.Kind.NEVER_GET, step.id(), "removed", place.count(), n -> n + " people would never get step "
              + step.id() + " (removed from the file before they got it); declare changes: removed_steps: drop");
        } else if (upcoming == null && !held.hasRow()) {
          upcoming = step.id();
        }
      }
      if (!same) {
        for (Step added : file.steps()) {
          if (!structure.contains(added.id())) {
            String renameOf = lookAlike(followed, added).orElse(null);
            hazard(Hazard.Kind.NEVER_GET, added.id(), "added", place.count(), n -> n + " people would never get step "
                + added.id() + " (they stay on the steps of version " + Hashes.shortHash(version) + ")"
                + (renameOf == null ? "; add a changes: block to move them to the file's steps"
                : "; it looks like a rename of " + renameOf + " (same template): declare changes: rename: {"
                + renameOf + ": " + added.id() + "}"));
          }
        }
      }
      next(next, followed, upcoming, place);
    }
    return new ChangeReport.Group(version, total(places), false, counts(structure, places, Map.of()),
        List.copyOf(next.values().stream().map(Next::done).toList()));
  }

  /** People who move to the file's structure, as its changes: block says. */
  private ChangeReport.Group moving(String version, Campaign followed, List<LedgerPattern> places) {
    Changes changes = file.changes();
    Map<String, String> renames = changes.renames();
    List<String> structure = file.stepIds();
    List<String> before = followed.stepIds();
    Set<String> renamedTargets = renames.entrySet().stream().filter(r -> before.contains(r.getKey()))
        .map(Map.Entry::getValue).collect(Collectors.toSet());
    Map<String, Next> next = new LinkedHashMap<>();
    for (LedgerPattern place : places) {
      Map<String, Held> held = new LinkedHashMap<>();
      place.steps().forEach((id, h) -> held.merge(renames.getOrDefault(id, id), h, (a, b) -> a));
      int progress = -1;
      for (int i = 0; i < structure.size(); i++) {
        if (held.getOrDefault(structure.get(i), Held.NOTHING).hasRow()) {
          progress = i;
        }
      }
      String upcoming = null;
      for (int i = 0; i < structure.size(); i++) {
        Step step = file.steps().get(i);
        if (held.getOrDefault(step.id(), Held.NOTHING).hasRow()) {
          continue;
        }
        boolean behind = i < progress;
        boolean added = !before.contains(step.id()) && !renamedTargets.contains(step.id());
        // skip is for steps new to their version; one they had coming that a reorder put behind
        // them would be lost, so it goes next (declared with send_next) or is a hazard.
        if (behind && added && changes.newSteps() == Changes.NewSteps.SKIP) {
          continue;
        }
        if (behind && changes.newSteps() != Changes.NewSteps.SEND_NEXT) {
          hazard(Hazard.Kind.OUT_OF_ORDER, step.id(), "", place.count(), n -> "would send step " + step.id()
              + " out of order to " + n + " people (they already had a later step); declare changes:"
              + " new_steps_for_enrolled: " + (added ? "skip or send_next" : "send_next (it is not new to them,"
              + " so skip does not apply)"));
        }
        Optional<String> lookAlike = added ? lookAlike(followed, step) : Optional.empty();
        if (lookAlike.isPresent() && place.held(lookAlike.get()) == Held.RECEIVED) {
          String old = lookAlike.get();
          hazard(Hazard.Kind.RESEND, step.id(), old, place.count(), n -> "would re-send step " + old + " (as "
              + step.id() + ", same template) to " + n + " people who got it under its old id; declare changes:"
              + " rename: {" + old + ": " + step.id() + "}");
        }
        if (upcoming == null) {
          upcoming = step.id();
        }
      }
      if (!changes.dropRemoved()) {
        for (String removed : before) {
          Held h = place.held(removed);
          if (!structure.contains(removed) && !renames.containsKey(removed) && h != Held.RECEIVED
              && h != Held.SKIPPED) {
            hazard(Hazard.Kind.NEVER_GET, removed, "removed", place.count(), n -> n + " people would never get step "
                + removed + " (removed from the file before they got it); declare changes: removed_steps: drop");
          }
        }
      }
      next(next, file, upcoming, place);
    }
    return new ChangeReport.Group(version, total(places), true, counts(structure, places, renames),
        List.copyOf(next.values().stream().map(Next::done).toList()));
  }

  private void conditionHazards(String version, Campaign followed, ConditionCounter conditions) {
    Map<String, String> renames = file.changes().renames();
    for (Step before : followed.steps()) {
      String id = renames.getOrDefault(before.id(), before.id());
      Optional<Step> after = file.step(id);
      if (after.isEmpty() || Objects.equals(String.valueOf(before.when()), String.valueOf(after.get().when()))) {
        continue;
      }
      long[] counts = conditions.counts(List.of(version), before, after.get());
      if (counts[1] < counts[0]) {
        long waiting = counts[0];
        hazard(Hazard.Kind.CONDITION_FEWER, id, "", counts[0] - counts[1], n -> "condition of step " + id
            + " now matches " + n + " fewer of the people still waiting for it (" + waiting + " before the edit)");
      }
    }
  }

  /** A removed step of {@code followed} with the same template as {@code added}: probably renamed. */
  private Optional<String> lookAlike(Campaign followed, Step added) {
    Set<String> renamed = file.changes().renames().keySet();
    return followed.steps().stream()
        .filter(s -> file.step(s.id()).isEmpty() && !renamed.contains(s.id()) && s.template().equals(added.template()))
        .map(Step::id).findFirst();
  }

  private void next(Map<String, Next> next, Campaign followed, String upcoming, LedgerPattern place) {
    Instant earliest = null;
    Instant latest = null;
    boolean conditional = false;
    if (upcoming != null) {
      Step step = followed.step(upcoming).orElseThrow();
      earliest = place.firstEnrolled().plus(step.offset());
      latest = place.lastEnrolled().plus(step.offset());
      conditional = step.when() != null;
    }
    boolean when = conditional;
    next.computeIfAbsent(String.valueOf(upcoming), k -> new Next(upcoming, when)).add(place.count(), earliest, latest);
  }

  private static List<ChangeReport.StepCount> counts(List<String> structure, List<LedgerPattern> places,
      Map<String, String> renames) {
    List<ChangeReport.StepCount> counts = new ArrayList<>();
    for (String id : structure) {
      long received = 0;
      long skipped = 0;
      long planned = 0;
      for (LedgerPattern place : places) {
        Held held = place.held(id);
        for (Map.Entry<String, String> rename : renames.entrySet()) {
          if (rename.getValue().equals(id) && place.held(rename.getKey()).hasRow()) {
            held = place.held(rename.getKey());
          }
        }
        switch (held) {
          case RECEIVED -> received += place.count();
          case SKIPPED -> skipped += place.count();
          case PLANNED -> planned += place.count();
          default -> { }
        }
      }
      counts.add(new ChangeReport.StepCount(id, received, skipped, planned));
    }
    return counts;
  }

  private static long total(List<LedgerPattern> places) {
    return places.stream().mapToLong(LedgerPattern::count).sum();
  }

  private void hazard(Hazard.Kind kind, String stepId, String variant, long people, LongFunction<String> message) {
    hazards.computeIfAbsent(kind + "|" + stepId + "|" + variant, k -> new HazardSum(kind, stepId, message))
        .people += people;
  }

  List<ChangeReport.Edit> edits() {
    return inForce == null ? List.of() : Edits.between(inForce, file);
  }

  private List<String> notes() {
    List<String> notes = new ArrayList<>();
    if (inForce == null) {
      notes.add("no version in force yet: the first run puts the file in force");
    } else if (inForce.versionHash().equals(file.versionHash())) {
      notes.add("the file is the version in force");
    }
    if (file.changes().declared()) {
      notes.add("the changes: block moves everyone in flight to the file's steps when it comes into force");
    }
    return notes;
  }

  private static final class HazardSum {
    final Hazard.Kind kind;
    final String stepId;
    final LongFunction<String> message;
    long people;

    HazardSum(Hazard.Kind kind, String stepId, LongFunction<String> message) {
      this.kind = kind;
      this.stepId = stepId;
      this.message = message;
    }

    Hazard hazard() {
      return new Hazard(kind, stepId, people, message.apply(people));
    }
  }

  private static final class Next {
    final String stepId;
    final boolean conditional;
    long people;
    Instant earliest;
    Instant latest;

    Next(String stepId, boolean conditional) {
      this.stepId = stepId;
      this.conditional = conditional;
    }

    void add(long n, Instant first, Instant last) {
      people += n;
      earliest = earliest == null || (first != null && first.isBefore(earliest)) ? first : earliest;
      latest = latest == null || (last != null && last.isAfter(latest)) ? last : latest;
    }

    ChangeReport.Next done() {
      return new ChangeReport.Next(stepId, conditional, people, earliest, latest);
    }
  }
}
