package org.dripline.change;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.dripline.campaign.Campaign;
import org.dripline.campaign.Step;
import org.dripline.change.ChangeReport.Edit;

/** The edits between two versions of a campaign file, step by step, as a marketer names them. */
final class Edits {

  private Edits() {
  }

  static List<Edit> between(Campaign before, Campaign after) {
    List<Edit> edits = new ArrayList<>();
    Map<String, String> renames = after.changes().renames();
    List<String> kept = new ArrayList<>();
    for (Step old : before.steps()) {
      String id = renames.getOrDefault(old.id(), old.id());
      Optional<Step> now = after.step(id);
      if (now.isEmpty()) {
        edits.add(new Edit(Edit.Kind.REMOVED, old.id(), "removed (offset " + ChangeReportText.offset(old.offset()) + ")"));
        continue;
      }
      kept.add(id);
      if (!id.equals(old.id())) {
        edits.add(new Edit(Edit.Kind.RENAMED, id, "renamed from " + old.id()));
      }
      compare(old, now.get(), edits);
    }
    for (Step step : after.steps()) {
      if (!kept.contains(step.id())) {
        edits.add(new Edit(Edit.Kind.ADDED, step.id(), "added at position " + (after.steps().indexOf(step) + 1)
            + " (offset " + ChangeReportText.offset(step.offset()) + ")"));
      }
    }
    List<String> orderNow = after.stepIds().stream().filter(kept::contains).toList();
    for (int i = 0; i < kept.size(); i++) {
      if (!kept.get(i).equals(orderNow.get(i))) {
        edits.add(new Edit(Edit.Kind.MOVED, kept.get(i), "order of the kept steps changed: "
            + String.join(", ", orderNow)));
        break;
      }
    }
    if (!Objects.equals(String.valueOf(before.audience()), String.valueOf(after.audience()))) {
      edits.add(new Edit(Edit.Kind.SETTINGS, null, "audience rule changed: it decides who enrolls from now on;"
          + " nobody already in the series leaves because of it"));
    }
    if (!Objects.equals(before.schedule(), after.schedule()) || !Objects.equals(before.from(), after.from())
        || !Objects.equals(before.replyTo(), after.replyTo()) || !Objects.equals(before.layout(), after.layout())) {
      edits.add(new Edit(Edit.Kind.SETTINGS, null, "sender, layout or schedule changed: applies to every"
          + " message sent from now on"));
    }
    return edits;
  }

  private static void compare(Step old, Step now, List<Edit> edits) {
    if (!old.offset().equals(now.offset())) {
      edits.add(new Edit(Edit.Kind.OFFSET, now.id(), "offset " + ChangeReportText.offset(old.offset()) + " -> " + ChangeReportText.offset(now.offset())));
    }
    if (!Objects.equals(String.valueOf(old.when()), String.valueOf(now.when()))) {
      edits.add(new Edit(Edit.Kind.CONDITION, now.id(), "condition changed"));
    }
    List<String> content = new ArrayList<>();
    if (!old.subject().equals(now.subject())) {
      content.add("subject");
    }
    if (!Objects.equals(old.preheader(), now.preheader())) {
      content.add("preheader");
    }
    if (!old.template().equals(now.template())) {
      content.add("template");
    }
    if (!content.isEmpty()) {
      edits.add(new Edit(Edit.Kind.CONTENT, now.id(), String.join(", ", content)
          + " changed: reaches everyone who has not had the step yet"));
    }
  }
}
