package org.dripline.campaign;

import java.time.Duration;
import org.dripline.segment.Rule;

/**
 * One email of a series. {@code offset} counts from enrollment; {@code template} names the pair
 * {@code <template>.html.ftlh} + {@code <template>.txt.ftl} under the templates directory.
 * Subject and preheader are FreeMarker templates in plain-text mode. {@code when} (null = always)
 * is judged at planning time; a subscriber it does not match gets the step recorded as skipped.
 */
public record Step(String id, Duration offset, String template, String subject, String preheader, Rule when,
    Location templateLocation, Location subjectLocation) {
}
