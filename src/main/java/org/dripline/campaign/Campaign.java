package org.dripline.campaign;

import java.util.List;
import java.util.Optional;
import org.dripline.segment.Rule;

/**
 * A validated campaign definition. {@code versionHash} is the SHA-256 of the file's bytes:
 * enrollments remember the version they started on.
 */
public record Campaign(String id, String name, Sender from, String replyTo, String postalAddress,
    String language, String layout, Rule audience, Schedule schedule, List<Step> steps, Location layoutLocation,
    String sourceFile, String definition, String versionHash) {

  public Optional<Step> step(String stepId) {
    return steps.stream().filter(s -> s.id().equals(stepId)).findFirst();
  }

  /** 1-based position of a step in the series, as readers see it ("email 2 of 7"). */
  public int stepNumber(String stepId) {
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).id().equals(stepId)) {
        return i + 1;
      }
    }
    throw new IllegalArgumentException("no step " + stepId + " in campaign " + id);
  }
}
