package org.dripline.campaign;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** The {@code changes:} block and the lifecycle keys of a campaign file, with file:line:column problems. */
final class ChangesParser {

  private static final Set<String> CHANGES_KEYS = new LinkedHashSet<>(List.of("rename", "new_steps_for_enrolled",
      "removed_steps"));

  private ChangesParser() {
  }

  static Changes changes(YamlMap top, List<Step> steps, List<Problem> problems, String file) {
    if (!top.has("changes")) {
      return Changes.NONE;
    }
    YamlMap map = YamlMap.of(file, "changes", top.node("changes").orElseThrow(), CHANGES_KEYS, problems).orElse(null);
    if (map == null) {
      return Changes.NONE;
    }
    List<String> ids = steps.stream().map(Step::id).toList();
    Map<String, String> renames = new LinkedHashMap<>();
    map.node("rename").ifPresent(node -> {
      if (!(node instanceof MappingNode mapping)) {
        problems.add(YamlMap.problem(file, node, "'changes.rename' must be a mapping of old step id to new step id,"
            + " such as {welcome: welcome-v2}"));
        return;
      }
      for (NodeTuple tuple : mapping.getValue()) {
        String from = scalar(tuple.getKeyNode());
        String to = scalar(tuple.getValueNode());
        Node at = tuple.getKeyNode();
        if (from == null || to == null || !CampaignLoader.ID.matcher(from).matches()
            || !CampaignLoader.ID.matcher(to).matches()) {
          problems.add(YamlMap.problem(file, at, "'changes.rename' entries must be step ids: old-id: new-id"));
        } else if (ids.contains(from)) {
          problems.add(YamlMap.problem(file, at, "rename of '" + from + "': a step '" + from
              + "' is still in the file; the old id must be gone"));
        } else if (!ids.contains(to)) {
          problems.add(YamlMap.problem(file, tuple.getValueNode(), "rename to '" + to + "': no step '" + to
              + "' in the file; steps are " + String.join(", ", ids)));
        } else if (renames.containsValue(to)) {
          problems.add(YamlMap.problem(file, tuple.getValueNode(), "two steps renamed to '" + to + "'"));
        } else {
          renames.put(from, to);
        }
      }
    });
    Changes.NewSteps newSteps = Changes.NewSteps.UNDECLARED;
    String policy = map.optional("new_steps_for_enrolled", null);
    if ("skip".equals(policy)) {
      newSteps = Changes.NewSteps.SKIP;
    } else if ("send_next".equals(policy)) {
      newSteps = Changes.NewSteps.SEND_NEXT;
    } else if (policy != null) {
      map.problemAt("new_steps_for_enrolled", "new_steps_for_enrolled '" + policy + "' must be skip or send_next");
    }
    String removed = map.optional("removed_steps", null);
    if (removed != null && !"drop".equals(removed)) {
      map.problemAt("removed_steps", "removed_steps '" + removed + "' must be drop (a removed step's content is"
          + " gone, so it cannot be kept for anyone)");
    }
    return new Changes(true, renames, newSteps, "drop".equals(removed));
  }

  static Lifecycle lifecycle(YamlMap top, AudienceParser rules) {
    Lifecycle.OnResume onResume = Lifecycle.OnResume.CATCH_UP;
    String resume = top.optional("on_resume", null);
    if ("shift".equals(resume)) {
      onResume = Lifecycle.OnResume.SHIFT;
    } else if (resume != null && !"catch_up".equals(resume)) {
      top.problemAt("on_resume", "on_resume '" + resume + "' must be catch_up (missed steps go out one per run)"
          + " or shift (due dates move by the length of the pause)");
    }
    // Re-entry needs a "round" in the enrollments, the ledger and every planning join (the ledger
    // keeps one row per campaign, step and subscriber, ever), so only `never` is accepted for now:
    // a file asking for more is told so instead of being quietly ignored.
    String reenroll = top.optional("reenroll", null);
    if (reenroll != null && !"never".equals(reenroll)) {
      top.problemAt("reenroll", "reenroll '" + reenroll + "': re-entry is not supported yet; a subscriber goes"
          + " through a series once, so reenroll must be never (or left out)");
    }
    var exitWhen = top.node("exit_when").map(rules::condition).orElse(null);
    return new Lifecycle(onResume, null, exitWhen);
  }

  private static String scalar(Node node) {
    return node instanceof ScalarNode s ? s.getValue().strip() : null;
  }
}
