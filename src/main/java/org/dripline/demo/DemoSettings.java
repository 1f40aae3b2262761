package org.dripline.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the demo replays ({@code dripline.demo.*}).
 *
 * @param days simulated days the demo runs the series for (one run a day; with a send window, runs
 *             through the 24 hours of each day a step falls due); the default 43 sends every
 *             subscriber the first seven emails
 */
@ConfigurationProperties("dripline.demo")
record DemoSettings(@DefaultValue("43") int days) {

  DemoSettings {
    if (days < 1) {
      throw new IllegalArgumentException("dripline.demo.days must be at least 1, was " + days);
    }
  }
}
