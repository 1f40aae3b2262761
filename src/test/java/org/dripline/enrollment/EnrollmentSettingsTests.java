package org.dripline.enrollment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class EnrollmentSettingsTests {

  @Test
  void enrollsTenThousandSubscriberIdsPerTransactionByDefault() {
    // given no dripline.enrollment.* key / when bound / then the range is 10,000 ids
    assertThat(bind(Map.of()).range()).isEqualTo(10_000);
  }

  @Test
  void refusesARangeThatIsNotPositiveNamingTheKey() {
    // given a range of 0 / when bound / then the failure names the key and the value
    assertThatThrownBy(() -> bind(Map.of("dripline.enrollment.range", "0")))
        .hasRootCauseMessage("dripline.enrollment.range must be positive, was 0");
  }

  static EnrollmentSettings bind(Map<String, String> properties) {
    return new Binder(new MapConfigurationPropertySource(properties))
        .bindOrCreate("dripline.enrollment", EnrollmentSettings.class);
  }
}
