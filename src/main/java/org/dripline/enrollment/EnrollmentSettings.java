package org.dripline.enrollment;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the enrollment step slices the audience ({@code dripline.enrollment.*}).
 *
 * @param range subscriber ids per INSERT ... SELECT and per committed transaction: large enough that a 1M
 *              list is about a hundred statements, small enough to keep each transaction's locks and undo short
 */
@ConfigurationProperties("dripline.enrollment")
record EnrollmentSettings(@DefaultValue("10000") int range) {

  EnrollmentSettings {
    if (range < 1) {
      throw new IllegalArgumentException("dripline.enrollment.range must be positive, was " + range);
    }
  }
}
