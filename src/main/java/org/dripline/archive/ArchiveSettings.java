package org.dripline.archive;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The public archive ({@code dripline.archive.*}).
 *
 * @param enabled     whether /archive, /archive/{id} and /archive/feed.atom answer (default true); off, they are 404
 * @param title       the archive's and the Atom feed's title (default "Newsletter archive")
 * @param maxAge      how long browsers, proxies and feed readers may cache the pages and the feed (default 5m)
 * @param feedEntries newest issues in the Atom feed (default 20, 1 to 500); the page lists every archived issue
 * @param refresh     how long the list of archived issues and their rendered copies are reused before the
 *                    newsletter files, templates and the database are read again (default 30s; 0 reads them on
 *                    every request)
 */
@ConfigurationProperties("dripline.archive")
public record ArchiveSettings(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("Newsletter archive") String title,
    @DefaultValue("5m") Duration maxAge,
    @DefaultValue("20") int feedEntries,
    @DefaultValue("30s") Duration refresh) {

  public ArchiveSettings {
    title = title == null || title.isBlank() ? "Newsletter archive" : title.strip();
    if (maxAge == null || maxAge.isNegative()) {
      throw new IllegalArgumentException("dripline.archive.max-age must not be negative, was " + maxAge);
    }
    if (feedEntries < 1 || feedEntries > 500) {
      throw new IllegalArgumentException("dripline.archive.feed-entries must be 1 to 500, was " + feedEntries);
    }
    if (refresh == null || refresh.isNegative()) {
      throw new IllegalArgumentException("dripline.archive.refresh must not be negative, was " + refresh);
    }
  }
}
