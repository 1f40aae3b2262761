/**
 * Newsletter issues (broadcasts): an issue is a campaign of kind broadcast
 * ({@code newsletters/<id>.yaml}, {@link org.dripline.campaign.Broadcast}) sent once to a snapshot of
 * its lists. This module owns the tables {@code newsletter_issues} (state, snapshot, A/B winner),
 * {@code newsletter_issue_lists} and {@code newsletter_recipients} (the snapshot: one row, one
 * variant per person); the deliveries are the ledger's ({@link org.dripline.delivery.DeliveryLedger}).
 * The A/B policies are {@code newsletter.ab}.
 */
package org.dripline.newsletter;
