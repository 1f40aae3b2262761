package org.dripline.run;

import java.time.Instant;
import java.util.List;
import org.springframework.context.ApplicationContext;

/** For tests outside this package: one tick of the context's scheduler at {@code now}. */
public final class SchedulerProbe {

  private SchedulerProbe() {
  }

  /** The ids of the runs the tick started (the context needs {@code dripline.schedule.enabled=true}). */
  public static List<Long> tick(ApplicationContext context, Instant now) {
    return context.getBean(RunScheduler.class).tick(now);
  }
}
