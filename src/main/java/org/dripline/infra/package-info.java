/** What belongs to no feature: UTC time, header text, database start-up and migrations, retried writes. */
package org.dripline.infra;
