/** Audience rules compiled to parameterised SQL, and the audience sample behind {@code segment}. */
package org.dripline.segment;
