package org.dripline.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class RenderSettingsTests {

  @Test
  void readsTemplatesFromTheWorkingDirectoryWithTheDefaultGuards() {
    // given no key set / when bound
    RenderSettings settings = bind(Map.of());

    // then templates/ with a 1,000,000-character cap, a 5 s limit and 256 MB of allocation, the same as RenderLimits.DEFAULTS
    assertThat(settings.templatesDir()).isEqualTo(Path.of("templates"));
    assertThat(settings.render()).isEqualTo(new RenderLimits(1_000_000, Duration.ofSeconds(5)))
        .isEqualTo(RenderLimits.DEFAULTS);
  }

  @Test
  void bindsTheTopLevelDirectoryAndTheRenderKeys() {
    // given the keys as users write them
    RenderSettings settings = bind(Map.of("dripline.templates-dir", "/srv/templates",
        "dripline.render.max-output-chars", "5000", "dripline.render.timeout", "250ms",
        "dripline.render.max-allocation", "64MB"));

    // then each lands in its component
    assertThat(settings.templatesDir()).isEqualTo(Path.of("/srv/templates"));
    assertThat(settings.render()).isEqualTo(new RenderLimits(5000, Duration.ofMillis(250),
        org.springframework.util.unit.DataSize.ofMegabytes(64)));
  }

  @Test
  void refusesAnOutputCapThatIsNotPositiveNamingTheKey() {
    assertThatThrownBy(() -> bind(Map.of("dripline.render.max-output-chars", "0")))
        .hasRootCauseMessage("dripline.render.max-output-chars must be positive, was 0");
  }

  static RenderSettings bind(Map<String, String> properties) {
    return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("dripline", RenderSettings.class);
  }
}
