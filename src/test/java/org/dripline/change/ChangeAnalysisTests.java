package org.dripline.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.dripline.campaign.Campaign;
import org.dripline.change.ChangeReport.Hazard;
import org.dripline.change.LedgerPattern.Held;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules of a live change on hand-built ledgers: the scenario (rename welcome, insert
 * intro at P3D while 120 people have had welcome and week-1) with and without a declared move.
 */
class ChangeAnalysisTests {

  static final Instant ENROLLED = Instant.parse("2026-12-01T08:00:00Z");
  static final Instant DAY_9 = ENROLLED.plusSeconds(9 * 86_400);
  static final List<String> IN_FORCE = List.of("welcome@P0D", "week-1@P7D", "week-2@P14D");
  static final List<String> EDITED = List.of("welcome-v2@P0D=welcome", "intro@P3D", "week-1@P7D", "week-2@P14D");

  @TempDir
  Path tmp;

  private Campaign version(List<String> steps, String changes) {
    return SeriesFiles.load(tmp.resolve(makeDir()), "series", steps, changes);
  }

  private int dirs;

  private String makeDir() {
    Path dir = tmp.resolve("v" + dirs++);
    dir.toFile().mkdirs();
    return dir.getFileName().toString();
  }

  private static LedgerPattern had(Campaign version, long people, Map<String, Held> steps) {
    return new LedgerPattern(version.versionHash(), steps, people, ENROLLED, ENROLLED.plusSeconds(3600));
  }

  private static ChangeReport analyse(Campaign file, Campaign inForce, List<LedgerPattern> patterns) {
    return new ChangeAnalysis(file, inForce, hash -> hash.equals(inForce.versionHash()) ? inForce : file, DAY_9)
        .analyse(patterns, (versions, before, after) -> new long[] {10, 4});
  }

  @Test
  void renameAndInsertWithoutAMoveKeepsPeopleOnTheirStepsAndNamesWhatTheyWouldMiss() {
    // given 120 people who had welcome and week-1 of the version in force
    Campaign inForce = version(IN_FORCE, null);
    Campaign file = version(EDITED, null);
    List<LedgerPattern> ledger = List.of(had(inForce, 120, Map.of("welcome", Held.RECEIVED, "week-1", Held.RECEIVED)));

    // when the edit (rename welcome, insert intro) is analysed without a changes: block
    ChangeReport report = analyse(file, inForce, ledger);

    // then they stay on their steps (week-2 next, on day 14), and nobody is re-sent anything, but
    // the new steps never reach them: named, with the rename spotted by its template
    assertThat(report.groups()).singleElement().satisfies(group -> {
      assertThat(group.moves()).isFalse();
      assertThat(group.next()).singleElement().satisfies(next -> {
        assertThat(next.stepId()).isEqualTo("week-2");
        assertThat(next.people()).isEqualTo(120);
        assertThat(next.earliest()).isEqualTo(ENROLLED.plusSeconds(14 * 86_400));
      });
    });
    assertThat(report.hazards()).extracting(Hazard::kind, Hazard::stepId, Hazard::people).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple(Hazard.Kind.NEVER_GET, "welcome-v2", 120L),
        org.assertj.core.groups.Tuple.tuple(Hazard.Kind.NEVER_GET, "intro", 120L));
    assertThat(report.hazards().get(0).message()).contains("looks like a rename of welcome");
    assertThat(report.edits()).extracting(ChangeReport.Edit::kind).contains(ChangeReport.Edit.Kind.REMOVED,
        ChangeReport.Edit.Kind.ADDED);
  }

  @Test
  void movingWithoutDeclaringTheRenameOrTheInsertNamesTheResendAndTheOutOfOrderStep() {
    // given the same people, and a changes: block that moves them but declares nothing else
    Campaign inForce = version(IN_FORCE, null);
    Campaign file = version(EDITED, "{}");
    List<LedgerPattern> ledger = List.of(had(inForce, 120, Map.of("welcome", Held.RECEIVED, "week-1", Held.RECEIVED)));

    // when analysed
    ChangeReport report = analyse(file, inForce, ledger);

    // then welcome would go out again under its new id, and intro after week-1
    assertThat(report.hazards()).extracting(Hazard::kind, Hazard::stepId, Hazard::people).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple(Hazard.Kind.RESEND, "welcome-v2", 120L),
        org.assertj.core.groups.Tuple.tuple(Hazard.Kind.OUT_OF_ORDER, "welcome-v2", 120L),
        org.assertj.core.groups.Tuple.tuple(Hazard.Kind.OUT_OF_ORDER, "intro", 120L));
    assertThat(report.hazards()).extracting(Hazard::message)
        .anySatisfy(m -> assertThat(m).isEqualTo("would re-send step welcome (as welcome-v2, same template) to 120"
            + " people who got it under its old id; declare changes: rename: {welcome: welcome-v2}"))
        .anySatisfy(m -> assertThat(m).startsWith("would send step intro out of order to 120 people"));
  }

  @Test
  void aDeclaredRenameAndSkipIsSafeAndTheyGetWeekTwoNext() {
    // given the edit with the move declared: the rename, and new steps behind them skipped
    Campaign inForce = version(IN_FORCE, null);
    Campaign file = version(EDITED, "rename: {welcome: welcome-v2}\nnew_steps_for_enrolled: skip");
    List<LedgerPattern> ledger = List.of(
        had(inForce, 120, Map.of("welcome", Held.RECEIVED, "week-1", Held.RECEIVED)),
        had(inForce, 5, Map.of("welcome", Held.RECEIVED)));

    // when analysed
    ChangeReport report = analyse(file, inForce, ledger);

    // then it is safe: the 120 get week-2 next, the 5 who had only welcome get intro (ahead of them)
    assertThat(report.safe()).as("%s", report.hazards()).isTrue();
    assertThat(report.groups()).singleElement().satisfies(group -> {
      assertThat(group.moves()).isTrue();
      assertThat(group.next()).extracting(ChangeReport.Next::stepId, ChangeReport.Next::people)
          .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("week-2", 120L),
              org.assertj.core.groups.Tuple.tuple("intro", 5L));
      assertThat(group.steps()).filteredOn(s -> s.stepId().equals("welcome-v2")).singleElement()
          .satisfies(s -> assertThat(s.received()).isEqualTo(125));
    });
  }

  @Test
  void removingAStepSomeHaveNotHadIsAHazardUntilDropIsDeclared() {
    // given week-2 removed, 30 people who have not had it
    Campaign inForce = version(IN_FORCE, null);
    Campaign undeclared = version(List.of("welcome@P0D", "week-1@P7D"), null);
    Campaign declared = version(List.of("welcome@P0D", "week-1@P7D"), "removed_steps: drop");
    List<LedgerPattern> ledger = List.of(had(inForce, 30, Map.of("welcome", Held.RECEIVED, "week-1", Held.PLANNED)));

    // when analysed either way
    ChangeReport before = analyse(undeclared, inForce, ledger);
    ChangeReport after = analyse(declared, inForce, ledger);

    // then the first names the 30 who would never get it; the second is safe
    assertThat(before.hazards()).singleElement().satisfies(h -> {
      assertThat(h.kind()).isEqualTo(Hazard.Kind.NEVER_GET);
      assertThat(h.message()).startsWith("30 people would never get step week-2");
    });
    assertThat(after.safe()).isTrue();
  }

  @Test
  void aContentFixIsSafeAndListedAsContent() {
    // given only a subject changed
    Campaign inForce = version(IN_FORCE, null);
    String fixed = SeriesFiles.yaml("series", IN_FORCE, null).replace("\"week-2 for", "\"Week two for");
    Path dir = tmp.resolve(makeDir());
    Campaign file = new org.dripline.campaign.CampaignLoader().load(writeFile(dir, fixed));
    List<LedgerPattern> ledger = List.of(had(inForce, 7, Map.of("welcome", Held.RECEIVED)));

    // when analysed
    ChangeReport report = analyse(file, inForce, ledger);

    // then it is safe, the structure is the same, and the edit says who the fix reaches
    assertThat(file.structureHash()).isEqualTo(inForce.structureHash());
    assertThat(report.safe()).isTrue();
    assertThat(report.edits()).singleElement().satisfies(edit -> {
      assertThat(edit.kind()).isEqualTo(ChangeReport.Edit.Kind.CONTENT);
      assertThat(edit.detail()).startsWith("subject changed");
    });
  }

  @Test
  void aNarrowedConditionIsNamedWithHowManyFewerItMatches() {
    // given week-1 gains a condition, for people who move
    Campaign inForce = version(IN_FORCE, null);
    String text = SeriesFiles.yaml("series", IN_FORCE, "{}").replace("    template: series/week-1\n",
        "    template: series/week-1\n    when:\n      tag: engaged\n");
    Campaign file = new org.dripline.campaign.CampaignLoader().load(writeFile(tmp.resolve(makeDir()), text));
    List<LedgerPattern> ledger = List.of(had(inForce, 10, Map.of("welcome", Held.RECEIVED)));

    // when analysed (the counter says the condition matched 10 before and 4 after)
    ChangeReport report = analyse(file, inForce, ledger);

    // then the 6 fewer are named
    assertThat(report.hazards()).singleElement().satisfies(h -> {
      assertThat(h.kind()).isEqualTo(Hazard.Kind.CONDITION_FEWER);
      assertThat(h.people()).isEqualTo(6);
      assertThat(h.message()).startsWith("condition of step week-1 now matches 6 fewer");
    });
  }

  @Test
  void skipNeverDropsAReorderedStepTheReaderHadComingItIsOutOfOrderUntilSendNextIsDeclared() {
    // given a reader who had a of a@P0D, b@P7D, and a file that swaps them
    Campaign inForce = version(List.of("a@P0D", "b@P7D"), null);
    Campaign skip = version(List.of("b@P0D", "a@P7D"), "new_steps_for_enrolled: skip");
    Campaign sendNext = version(List.of("b@P0D", "a@P7D"), "new_steps_for_enrolled: send_next");
    List<LedgerPattern> ledger = List.of(had(inForce, 1, Map.of("a", Held.RECEIVED)));

    // when analysed with skip and with send_next
    ChangeReport skipped = analyse(skip, inForce, ledger);
    ChangeReport sent = analyse(sendNext, inForce, ledger);

    // then skip does not apply to b (not new to her): out of order, named; send_next sends it next
    assertThat(skipped.hazards()).singleElement().satisfies(h -> {
      assertThat(h.kind()).isEqualTo(Hazard.Kind.OUT_OF_ORDER);
      assertThat(h.stepId()).isEqualTo("b");
      assertThat(h.message()).contains("send_next (it is not new to them, so skip does not apply)");
    });
    assertThat(sent.safe()).isTrue();
    assertThat(sent.groups().get(0).next()).extracting(ChangeReport.Next::stepId).containsExactly("b");
  }

  @Test
  void theChangeHashNamesTheTransitionNotJustTheFile() {
    // given two transitions to the same file / when hashed / then they differ, and each is stable
    assertThat(ChangeAnalysis.changeHash("a", "c")).isNotEqualTo(ChangeAnalysis.changeHash("b", "c"))
        .isEqualTo(ChangeAnalysis.changeHash("a", "c")).hasSize(12);
  }

  private static Path writeFile(Path dir, String text) {
    try {
      return java.nio.file.Files.writeString(dir.resolve("series.yaml"), text);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
