package org.dripline.campaign;

import java.time.Duration;

/**
 * One email of a series. {@code offset} counts from enrollment; {@code template} names the pair
 * {@code <template>.html.ftlh} + {@code <template>.txt.ftl} under the templates directory.
 * Subject and preheader are FreeMarker templates in plain-text mode.
 */
public record Step(String id, Duration offset, String template, String subject, String preheader,
    Location templateLocation, Location subjectLocation) {
}
