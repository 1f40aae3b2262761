package org.dripline.delivery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.dripline.campaign.Campaign;
import org.dripline.campaign.Step;

/**
 * One step structure that enrollments of a campaign follow, and the versions pinned to it: the
 * unit planning works in. Each enrollment follows the structure (ids, order, offsets, conditions)
 * of the version it is pinned to; versions that differ only in content share one structure.
 * A step of the structure that the campaign file no longer has is {@linkplain #retired retired}:
 * its content is gone, so planning records it skipped and the next step follows.
 *
 * @param campaignId the campaign
 * @param steps      the structure's steps, in order
 * @param versions   the version hashes whose enrollments follow it (never empty)
 * @param retired    ids of {@code steps} the current file no longer has
 */
public record FollowedStructure(String campaignId, List<Step> steps, List<String> versions, Set<String> retired) {

  /** Why planning skips a retired step; the ledger keeps it as the row's reason. */
  public static final String RETIRED_REASON = "step removed from the campaign";

  public FollowedStructure {
    steps = List.copyOf(steps);
    versions = List.copyOf(versions);
    retired = Set.copyOf(retired);
  }

  public boolean isRetired(Step step) {
    return retired.contains(step.id());
  }

  /**
   * The structures a campaign's enrollments follow: the current file's (new enrollments get it)
   * and each pinned one, versions grouped by structure. A version whose definition cannot be read
   * back follows the current file's structure.
   *
   * @param versionsInUse the version hashes the campaign's enrollments are pinned to
   * @param version       a version hash to its campaign definition, as recorded
   */
  public static List<FollowedStructure> of(Campaign current, List<String> versionsInUse,
      Function<String, Optional<Campaign>> version) {
    Map<String, List<String>> versionsByStructure = new LinkedHashMap<>();
    Map<String, Campaign> definitions = new LinkedHashMap<>();
    versionsByStructure.computeIfAbsent(current.structureHash(), k -> new ArrayList<>()).add(current.versionHash());
    definitions.put(current.structureHash(), current);
    for (String hash : versionsInUse) {
      if (hash.equals(current.versionHash())) {
        continue;
      }
      Campaign pinned = version.apply(hash).orElse(current);
      versionsByStructure.computeIfAbsent(pinned.structureHash(), k -> new ArrayList<>()).add(hash);
      definitions.putIfAbsent(pinned.structureHash(), pinned);
    }
    Set<String> currentIds = Set.copyOf(current.stepIds());
    List<FollowedStructure> followed = new ArrayList<>();
    versionsByStructure.forEach((structure, versions) -> {
      List<Step> steps = definitions.get(structure).steps();
      Set<String> retired = steps.stream().map(Step::id).filter(id -> !currentIds.contains(id))
          .collect(Collectors.toSet());
      followed.add(new FollowedStructure(current.id(), steps, versions, retired));
    });
    return List.copyOf(followed);
  }
}
