package org.dripline.change;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * A campaign file under random edits, for {@link LiveChangeProperties}: the steps as the file has
 * them now, and the renames made since the version in force (keyed by the id in force), which a
 * {@code changes:} block may declare. Step ids are never reused, so an id names one step for the
 * whole case. Each step's subject starts with its id and a content version ({@code s3 v2 for ...}),
 * so the inbox says which step, and which content, arrived.
 */
final class RandomSeries {

  /** Conditions a step may have: none, only the engaged, everyone (every subscriber is a reader). */
  static final List<String> CONDITIONS = java.util.Arrays.asList(null, "engaged", "reader");

  /** One step of the file. */
  record Step(String id, int offsetDays, String when, int content, String template) {

    Step withId(String newId) {
      return new Step(newId, offsetDays, when, content, template);
    }

    Step withOffset(int days) {
      return new Step(id, days, when, content, template);
    }

    Step withWhen(String condition) {
      return new Step(id, offsetDays, condition, content, template);
    }

    Step withContent(int version) {
      return new Step(id, offsetDays, when, version, template);
    }
  }

  /**
   * A {@code changes:} block: renames (old id to new), {@code new_steps_for_enrolled} (null, skip or
   * send_next), {@code removed_steps: drop}.
   */
  record Block(Map<String, String> renames, String newSteps, boolean drop) {

    boolean skip() {
      return "skip".equals(newSteps);
    }

    boolean sendNext() {
      return "send_next".equals(newSteps);
    }
  }

  private final Random random;
  private final Path templates;
  private final List<Step> steps = new ArrayList<>();
  private int nextId;
  // Renames since the version in force: the step's id now -> its id in force, and whether the edit declared it.
  private final Map<String, String> renamedFrom = new LinkedHashMap<>();
  private final Set<String> declared = new TreeSet<>();
  private List<String> inForceIds = List.of();

  RandomSeries(Random random, Path templates) {
    this.random = random;
    this.templates = templates;
    int size = 3 + random.nextInt(4);
    int offset = 0;
    for (int i = 0; i < size; i++) {
      steps.add(newStep(offset, random.nextInt(4) == 0 ? "engaged" : null));
      offset += random.nextInt(8);
    }
  }

  List<Step> steps() {
    return List.copyOf(steps);
  }

  /** The version in force now has the file's steps: no renames are pending any more. */
  void adopted() {
    inForceIds = steps.stream().map(Step::id).toList();
    renamedFrom.clear();
    declared.clear();
  }

  /** The renames the edits declared, as a {@code changes:} block would name them (old id: new id). */
  Map<String, String> declaredRenames() {
    Map<String, String> renames = new LinkedHashMap<>();
    renamedFrom.forEach((now, old) -> {
      if (declared.contains(now)) {
        renames.put(old, now);
      }
    });
    return renames;
  }

  /** Every rename since the version in force, declared by its edit or not. */
  Map<String, String> allRenames() {
    Map<String, String> renames = new LinkedHashMap<>();
    renamedFrom.forEach((now, old) -> renames.put(old, now));
    return renames;
  }

  /** One random edit of the file; what it did, for the case's log. */
  String edit() {
    while (true) {
      switch (random.nextInt(7)) {
        case 0 -> {
          if (steps.size() < 8) {
            return add();
          }
        }
        case 1 -> {
          if (steps.size() > 2) {
            Step gone = steps.remove(random.nextInt(steps.size()));
            renamedFrom.remove(gone.id());
            declared.remove(gone.id());
            return "remove " + gone.id();
          }
        }
        case 2 -> {
          return rename(random.nextBoolean());
        }
        case 3 -> {
          return reorder();
        }
        case 4 -> {
          int i = random.nextInt(steps.size());
          int days = between(i == 0 ? 0 : steps.get(i - 1).offsetDays(), i == steps.size() - 1
              ? steps.get(i).offsetDays() + 10 : steps.get(i + 1).offsetDays());
          Step step = steps.get(i);
          steps.set(i, step.withOffset(days));
          return "offset " + step.id() + " P" + step.offsetDays() + "D -> P" + days + "D";
        }
        case 5 -> {
          int i = random.nextInt(steps.size());
          Step step = steps.get(i);
          String when = step.when();
          while (java.util.Objects.equals(when, step.when())) {
            when = CONDITIONS.get(random.nextInt(CONDITIONS.size()));
          }
          steps.set(i, step.withWhen(when));
          return "condition " + step.id() + " " + step.when() + " -> " + when;
        }
        default -> {
          int i = random.nextInt(steps.size());
          Step step = steps.get(i);
          steps.set(i, step.withContent(step.content() + 1));
          return "content " + step.id() + " v" + (step.content() + 1);
        }
      }
    }
  }

  private String add() {
    int at = random.nextInt(steps.size() + 1);
    int low = at == 0 ? 0 : steps.get(at - 1).offsetDays();
    int high = at == steps.size() ? low + 10 : steps.get(at).offsetDays();
    Step step = newStep(between(low, high), random.nextInt(4) == 0 ? "engaged" : null);
    steps.add(at, step);
    return "add " + step.id() + " at " + (at + 1) + " P" + step.offsetDays() + "D" + (step.when() == null ? ""
        : " when " + step.when());
  }

  private String rename(boolean declare) {
    int i = random.nextInt(steps.size());
    Step step = steps.get(i);
    String id = "s" + nextId++;
    steps.set(i, step.withId(id));
    String old = renamedFrom.remove(step.id());
    boolean wasDeclared = declared.remove(step.id());
    if (old != null) {
      renamedFrom.put(id, old);
      if (declare && wasDeclared) {
        declared.add(id);
      }
    } else if (inForceIds.contains(step.id())) {
      renamedFrom.put(id, step.id());
      if (declare) {
        declared.add(id);
      }
    }
    return "rename " + step.id() + " -> " + id + (declare ? " (declared)" : " (undeclared)");
  }

  /** Two steps change places; each takes the offset of its new place, so offsets stay nondecreasing. */
  private String reorder() {
    int i = random.nextInt(steps.size());
    int j = random.nextInt(steps.size());
    if (i == j) {
      j = (i + 1) % steps.size();
    }
    Step a = steps.get(i);
    Step b = steps.get(j);
    steps.set(i, b.withOffset(a.offsetDays()));
    steps.set(j, a.withOffset(b.offsetDays()));
    return "swap " + a.id() + " <-> " + b.id();
  }

  private int between(int low, int high) {
    return low + random.nextInt(high - low + 1);
  }

  private Step newStep(int offsetDays, String when) {
    String id = "s" + nextId++;
    String template = "t-" + id;
    try {
      Path dir = Files.createDirectories(templates.resolve("prop"));
      Files.writeString(dir.resolve(template + ".html.ftlh"), "<p>This is " + template + ".</p>\n");
      Files.writeString(dir.resolve(template + ".txt.ftl"), "This is " + template + ".\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Step(id, offsetDays, when, 1, template);
  }

  /** The campaign file: audience every reader, the steps, and {@code block} when not null. */
  String yaml(String campaignId, Block block) {
    StringBuilder text = new StringBuilder("""
        id: %s
        name: "Series"
        from:
          address: "stories@dripline.example"
        postal_address: "Dripline, 100 Example Avenue, Springfield"
        audience:
          all:
            - tag: reader
        """.formatted(campaignId));
    if (block != null) {
      StringBuilder body = new StringBuilder();
      if (!block.renames().isEmpty()) {
        body.append("  rename:\n");
        block.renames().forEach((from, to) -> body.append("    ").append(from).append(": ").append(to).append('\n'));
      }
      if (block.newSteps() != null) {
        body.append("  new_steps_for_enrolled: ").append(block.newSteps()).append('\n');
      }
      if (block.drop()) {
        body.append("  removed_steps: drop\n");
      }
      text.append(body.isEmpty() ? "changes: {}\n" : "changes:\n" + body);
    }
    text.append("steps:\n");
    for (Step step : steps) {
      text.append("  - id: ").append(step.id()).append('\n')
          .append("    offset: P").append(step.offsetDays()).append("D\n")
          .append("    template: prop/").append(step.template()).append('\n')
          .append("    subject: \"").append(step.id()).append(" v").append(step.content())
          .append(" for ${subscriber.email}\"\n");
      if (step.when() != null) {
        text.append("    when:\n      tag: ").append(step.when()).append('\n');
      }
    }
    return text.toString();
  }
}
