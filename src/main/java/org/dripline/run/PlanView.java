package org.dripline.run;

import java.time.Instant;
import java.util.List;

/**
 * What a run at {@code asOf} would do, from a dry run that writes nothing: how many people it
 * would enroll, and per step how many messages it would send, and how many it would not and why;
 * how many leave the series as a goal completion ({@code exit_when}) before planning; and whether
 * the campaign file is the version in force (if not, a run first puts it in force: see {@code diff},
 * and a change that moves people is not reflected here).
 */
public record PlanView(String campaignId, Instant asOf, long newEnrollments, List<StepPlan> steps, long goalExits,
    boolean fileInForce) {

  /**
   * @param send            due messages a run at asOf sends (already planned or planned by it)
   * @param outsideWindow   due, but outside the subscriber's local send window: wait for a later run
   * @param conditionNotMet the step's {@code when:} does not match: recorded skipped, the next step follows
   * @param notSendable     due and inside the window, but the subscriber is now unsubscribed or
   *                        suppressed or left the series (skipped at send time), or paused (held)
   * @param sample          a few addresses that would get this step
   */
  public record StepPlan(String stepId, long send, long outsideWindow, long conditionNotMet, long notSendable,
      List<String> sample) {
  }

  public long send() {
    return steps.stream().mapToLong(StepPlan::send).sum();
  }
}
