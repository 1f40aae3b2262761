package org.dripline.report;

/** Clicks on one link of one step, every click counted (not unique), human and machine apart. */
public record LinkReport(String stepId, String url, long clicksHuman, long clicksMachine) {
}
