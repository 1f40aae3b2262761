/** Every command of the {@code dripline} command line. */
package org.dripline.cli;
