package org.dripline.render;

import java.util.List;
import java.util.stream.Collectors;
import org.dripline.campaign.Problem;
import org.dripline.infra.InvalidInputException;

/** Templates of a campaign that do not compile, every problem with its file:line:column. */
public class TemplateProblemsException extends InvalidInputException {

  private final List<Problem> problems;

  public TemplateProblemsException(List<Problem> problems) {
    super(problems.stream().sorted().map(Problem::toString).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }
}
