package org.dripline.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.List;
import org.dripline.infra.InfraSettings;
import org.junit.jupiter.api.Test;
import org.springframework.boot.mail.autoconfigure.MailProperties;

class SendPreflightTests {

  static final String TARGET = "smtp.example.org:587";
  static final String HTTPS = "https://mail.example.org";

  @Test
  void configuredKeysAndAnHttpsPublicBaseUrlMaySend() {
    // given keys from configuration and the public https address / then nothing is refused
    assertThat(SendPreflight.refusal(TARGET, false, false, HTTPS, false)).isNull();
  }

  @Test
  void generatedKeysAreRefusedWithOneLineNamingTheProperties() {
    // given both keys generated / when checked for a real SMTP host
    String refusal = SendPreflight.refusal(TARGET, true, true, HTTPS, false);

    // then one line names the host and both properties to set
    assertThat(refusal).doesNotContain("\n").startsWith("refusing to send through smtp.example.org:587: ")
        .contains("dripline.tracking.keys.<id>", "dripline.dkim.private-key", "dripline.dkim.enabled=false");
  }

  @Test
  void onlyTheMissingKeyIsNamed() {
    // given only the DKIM key configured / then only the tracking key is asked for, and the other way round
    assertThat(SendPreflight.refusal(TARGET, true, false, HTTPS, false))
        .contains("dripline.tracking.keys").doesNotContain("dkim");
    assertThat(SendPreflight.refusal(TARGET, false, true, HTTPS, false))
        .contains("dripline.dkim.private-key").doesNotContain("tracking");
  }

  @Test
  void anHttpOrLoopbackBaseUrlIsRefusedUnlessInsecureLinksAreAllowed() {
    // given base URLs readers cannot use safely
    List<String> insecure = List.of("http://localhost:8080", "http://mail.example.org", "https://localhost",
        "https://127.0.0.1:8443", "https://127.1.2.3", "https://[::1]:8080", "https://0.0.0.0",
        "https://app.localhost", "https://[0:0:0:0:0:0:0:1]", "HTTP://MAIL.EXAMPLE.ORG");

    // when each is checked / then each is refused with the two ways out, and allowed with the flag
    for (String url : insecure) {
      assertThat(SendPreflight.refusal(TARGET, false, false, url, false)).as(url)
          .contains("dripline.base-url " + url + " is ", "https", "dripline.allow-insecure-links=true");
      assertThat(SendPreflight.refusal(TARGET, false, false, url, true)).as(url).isNull();
    }
    assertThat(SendPreflight.insecure("http://localhost:8080")).isEqualTo("http on a loopback address");
    assertThat(SendPreflight.insecure("http://mail.example.org")).isEqualTo("http");
    assertThat(SendPreflight.insecure("https://localhost")).isEqualTo("a loopback address");
  }

  @Test
  void publicHttpsHostsThatOnlyLookLocalAreFine() {
    // given https addresses on public names and addresses / then none is called insecure
    for (String url : List.of(HTTPS, "https://localhost.example.org", "https://mail.example.org:8443/news",
        "https://192.0.2.10", "https://[2001:db8::1]", "https://127.example.org")) {
      assertThat(SendPreflight.insecure(url)).as(url).isNull();
    }
  }

  @Test
  void bothProblemsGoOnTheSameLine() {
    // given generated keys and the shipped base URL / then one line carries both refusals
    String refusal = SendPreflight.refusal(TARGET, true, true, "http://localhost:8080", false);
    assertThat(refusal).doesNotContain("\n").contains("dripline.tracking.keys", "dripline.allow-insecure-links");
  }

  @Test
  void theDevInboxAcceptsGeneratedKeysAndTheShippedBaseUrl() {
    // given no spring.mail.host and no servers listed: mail goes to the embedded dev inbox
    InfraSettings infra = new InfraSettings("http://localhost:8080", "data", new InfraSettings.DevInbox(3025, 3143));
    MailServers devInbox = new MailServers(new MailProperties(), new SmtpSettings(List.of(), null), infra);
    SendPreflight preflight = new SendPreflight(devInbox, null, null, infra,
        new DeliverySettings(null, null, null, false));

    // when checked / then nothing is refused (the keys are not even asked about)
    assertThat(devInbox.sendsToDevInbox()).isTrue();
    assertThatCode(preflight::check).doesNotThrowAnyException();
  }
}
