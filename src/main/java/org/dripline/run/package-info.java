/** A run of {@code dripRunJob}: start, stop, restart and list runs, the dry run and schedules. */
package org.dripline.run;
