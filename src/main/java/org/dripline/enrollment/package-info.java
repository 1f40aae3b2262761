/**
 * Who is in which series: the enrollment step of {@code dripRunJob} and pauses. The only writer of
 * {@code enrollments}.
 */
package org.dripline.enrollment;
