package org.dripline.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class WebSettingsTests {

  @Test
  void leavesBothDoorsShutWhenNothingIsConfigured() {
    // given no key set / when bound
    WebSettings settings = bind(Map.of());

    // then no token, user admin without a password: nobody gets in
    assertThat(settings.api().token()).isEmpty();
    assertThat(settings.console().username()).isEqualTo("admin");
    assertThat(new ConsoleLogin(settings).configured()).isFalse();
  }

  @Test
  void takesABlankUsernameAsAdmin() {
    assertThat(bind(Map.of("dripline.console.username", " ")).console().username()).isEqualTo("admin");
  }

  @Test
  void neverShowsTheSecretsInItsText() {
    // given a token and a password
    WebSettings settings = bind(Map.of("dripline.api.token", "t0ken-t0ken-t0ken-t0ken",
        "dripline.console.username", "ops", "dripline.console.password", "s3cret"));

    // when the settings are printed (a log line, an exception message) / then only that they are set shows
    assertThat(settings.toString()).contains("ops").contains("(set)").doesNotContain("t0ken").doesNotContain("s3cret");
  }

  static WebSettings bind(Map<String, String> properties) {
    return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("dripline", WebSettings.class);
  }
}
