/** Read-only views: campaign reports and a subscriber's timeline. */
package org.dripline.report;
