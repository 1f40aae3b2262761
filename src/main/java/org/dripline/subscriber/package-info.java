/** Subscribers, their status and the suppression list: the only writer of {@code subscribers}, {@code subscriber_tags}, {@code subscriber_attributes} and {@code suppressions}. */
package org.dripline.subscriber;
