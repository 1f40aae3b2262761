package org.dripline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class StartupFailureTests {

  /** Stands in for a feature's settings record. */
  record ProbeSettings(int range) {
    ProbeSettings {
      if (range < 1) {
        throw new IllegalArgumentException("dripline.probe.range must be positive, was " + range);
      }
    }
  }

  @Test
  void aRefusedSettingIsDescribedByTheRecordsOwnMessage() {
    // given a context that failed because a settings record refused its value
    Throwable failure = new BeanCreationException("probeSettings", "Error creating bean", bind("0"));

    // when it is described / then the one line names the key and the value, not Spring's wrapping
    assertThat(StartupFailure.describe(failure)).isEqualTo("dripline.probe.range must be positive, was 0");
  }

  @Test
  void aValueThatDoesNotConvertIsDescribedWithItsKey() {
    // given a word where a number belongs
    Throwable failure = new BeanCreationException("probeSettings", "Error creating bean", bind("many"));

    // when it is described / then the key and the reason are both there
    assertThat(StartupFailure.describe(failure)).contains("dripline.probe.range").contains("many");
  }

  private static Throwable bind(String range) {
    Binder binder = new Binder(new MapConfigurationPropertySource(Map.of("dripline.probe.range", range)));
    return catchThrowable(() -> binder.bind("dripline.probe", ProbeSettings.class));
  }
}
