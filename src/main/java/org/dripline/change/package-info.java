/**
 * Changing a live campaign: {@code diff} (what an edit of the campaign file does to the people
 * already in the series, with named hazards) and adoption (the run's first act: put the file in
 * force, moving in-flight subscribers as its {@code changes:} block says, or refuse a change whose
 * hazards nobody declared or accepted). Reads the ledger; moves go through the owners of each table.
 */
package org.dripline.change;
