package org.dripline.subscriber.importing;

import java.util.List;

/** The outcome of one CSV import; {@code rejections} are "file:line: reason" lines, first 1000 kept. */
public record ImportReport(long imported, long updated, long rejected, List<String> rejections) {

  public String summary() {
    return "imported=" + imported + " updated=" + updated + " rejected=" + rejected;
  }
}
