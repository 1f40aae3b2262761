package org.dripline.campaign;

import java.time.Duration;
import org.dripline.segment.Rule;

/**
 * The file's lifecycle keys: what happens when a paused campaign resumes, whether someone who has
 * finished the series may enter it again, and the goal that takes a subscriber out of it.
 *
 * @param onResume      {@code on_resume}: how steps that fell due during a pause go out
 * @param reenrollAfter {@code reenroll: after P90D}: a finished subscriber may enter again this long
 *                      after they entered; null for {@code never} (the default)
 * @param exitWhen      {@code exit_when}: a segment rule; a subscriber it matches leaves the series
 *                      (a goal completion); null for none
 */
public record Lifecycle(OnResume onResume, Duration reenrollAfter, Rule exitWhen) {

  public static final Lifecycle DEFAULT = new Lifecycle(OnResume.CATCH_UP, null, null);

  public enum OnResume {
    /** Missed steps go out one per run, in order, as for anyone who fell behind. */
    CATCH_UP,
    /** Due dates move later by the length of the pause, as if it had not happened. */
    SHIFT
  }
}
