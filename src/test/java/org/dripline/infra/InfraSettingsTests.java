package org.dripline.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class InfraSettingsTests {

  @Test
  void defaultsToTheLocalServerTheDataDirectoryAndTheDevInboxPorts() {
    // given no key set / when bound
    InfraSettings settings = bind(Map.of());

    // then today's defaults
    assertThat(settings.baseUrl()).isEqualTo("http://localhost:8080");
    assertThat(settings.dataDir()).isEqualTo("data");
    assertThat(settings.devInbox()).isEqualTo(new InfraSettings.DevInbox(3025, 3143));
  }

  @Test
  void dropsATrailingSlashFromTheBaseUrlSoLinksGetNoDoubleSlash() {
    assertThat(bind(Map.of("dripline.base-url", "https://mail.example.org/news/")).baseUrl())
        .isEqualTo("https://mail.example.org/news");
  }

  @Test
  void takesABlankDataDirectoryAsTheDefault() {
    assertThat(bind(Map.of("dripline.data-dir", "  ")).dataDir()).isEqualTo("data");
  }

  @Test
  void refusesABaseUrlWithoutSchemeNamingTheKey() {
    // given a host without http(s):// / when bound / then the failure says what is expected
    assertThatThrownBy(() -> bind(Map.of("dripline.base-url", "mail.example.org")))
        .hasRootCauseMessage("dripline.base-url must be an absolute http(s) URL such as https://mail.example.org,"
            + " was 'mail.example.org'");
  }

  @Test
  void refusesADevInboxPortOutOfRangeNamingTheKey() {
    assertThatThrownBy(() -> bind(Map.of("dripline.dev-inbox.imap-port", "70000")))
        .hasRootCauseMessage("dripline.dev-inbox.imap-port must be between 1 and 65535, was 70000");
  }

  static InfraSettings bind(Map<String, String> properties) {
    return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("dripline", InfraSettings.class);
  }
}
