/**
 * What belongs to no feature: UTC time, header text, database start-up and migrations, retried
 * writes, and the kinds of refusal every feature throws (not found, invalid input, conflict),
 * which the API and the CLI each map to a status and an exit code in one place.
 */
package org.dripline.infra;
