/**
 * Turning a blog post into a draft drip series ({@code dripline draft-series}): the post (Markdown,
 * HTML or plain text) is split at its headings, and each section becomes one weekly step: a campaign
 * file and an HTML and a text template per step, in the house layout, for the marketer to edit. It
 * reads and writes files only: no database, no Spring Batch.
 */
package org.dripline.draft;
