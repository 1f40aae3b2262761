package org.dripline.campaign;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the campaign files are ({@code dripline.campaigns-dir}, a top-level key: it predates the
 * per-feature prefixes and users have it in their configuration).
 *
 * @param campaignsDir directory of the campaign files, one id.yaml each, relative to the working directory
 *                     or absolute
 * @param newslettersDir directory of the newsletter issues ({@code <id>.yaml}, sent once to a snapshot of their
 *                       lists), relative to the working directory or absolute; unset: {@code newsletters} next to
 *                       the campaigns directory
 */
@ConfigurationProperties("dripline")
record CampaignSettings(@DefaultValue("campaigns") Path campaignsDir, Path newslettersDir) {

  /** The newsletters directory: as set, else the sibling {@code newsletters} of the campaigns directory. */
  Path newsletters() {
    return newslettersDir != null ? newslettersDir : campaignsDir.resolveSibling("newsletters");
  }
}
