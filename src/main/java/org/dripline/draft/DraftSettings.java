package org.dripline.draft;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What a drafted series starts from.
 *
 * @param like id of the campaign whose sender, reply-to, postal address, language, layout, timezone, send
 *             window and links (other than its post's) a draft copies; when it does not load, the draft gets
 *             valid placeholders marked for the marketer
 */
@ConfigurationProperties("dripline.draft")
public record DraftSettings(@DefaultValue("working-mom-guilt") String like) {
}
