package org.dripline.campaign;

import java.util.List;
import java.util.stream.Collectors;
import org.dripline.infra.InvalidInputException;

/** Thrown with every problem found, never just the first: marketers fix a file in one pass. */
public class InvalidCampaignException extends InvalidInputException {

  private final List<Problem> problems;

  public InvalidCampaignException(List<Problem> problems) {
    super(problems.stream().sorted().map(Problem::toString).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }
}
