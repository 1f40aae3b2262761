package org.dripline.render;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the templates are and how far one template run may go. Bound to {@code dripline} because
 * {@code dripline.templates-dir} is a top-level key; the guards are under {@code dripline.render.*}.
 *
 * @param templatesDir directory of the email templates and layouts, relative to the working directory or
 *                     absolute; templates cannot load anything outside it
 * @param render       the runaway guards of one template run
 */
@ConfigurationProperties("dripline")
record RenderSettings(
    @DefaultValue("templates") Path templatesDir,
    @DefaultValue @NestedConfigurationProperty RenderLimits render) {
}
