package org.dripline.delivery.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.dripline.infra.GeneratedKeys;
import org.dripline.infra.InvalidInputException;
import org.dripline.testing.TestEnvironment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/** The DKIM key of the embedded default: generated on the first start on a database, the same at every later one. */
@SpringBootTest(properties = {TestEnvironment.NO_SMTP, TestEnvironment.SHARED_H2})
@ActiveProfiles("test")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class GeneratedDkimKeyIntegrationTests {

  static final DkimSettings NO_KEY = new DkimSettings(true, "dripline", "example.org", "", false);

  @Autowired
  NamedParameterJdbcTemplate jdbc;
  GeneratedKeys keys;

  @BeforeEach
  void noGeneratedDkimKeyYet() {
    // The shared database outlives this class: start from a database that never had a generated key.
    jdbc.update("delete from generated_keys where name = :name", Map.of("name", DkimSigning.GENERATED_NAME));
    keys = new GeneratedKeys(jdbc, Clock.systemUTC());
  }

  @Test
  void everyStartOnTheDatabaseSignsWithTheKeyTheFirstGenerated() {
    // given a first start without dripline.dkim.private-key
    DkimSigning first = new DkimSigning(NO_KEY, keys);

    // when the process starts again
    DkimSigning later = new DkimSigning(NO_KEY, new GeneratedKeys(jdbc, Clock.systemUTC()));

    // then the DNS record is the same, stored once, and both know the key is generated
    assertThat(later.dnsRecord()).isEqualTo(first.dnsRecord()).startsWith("v=DKIM1; k=rsa; p=");
    assertThat(keys.find(DkimSigning.GENERATED_NAME)).get().asString().startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(later.signsWithGeneratedKey()).isTrue();
    assertThat(later.recordLine()).isEqualTo("dripline._domainkey.example.org TXT \"" + first.dnsRecord() + "\"");
  }

  @Test
  void aConfiguredKeyTakesPrecedenceAndNothingIsGenerated() {
    // given a configured key
    String pem = DkimSigning.newPrivateKeyPem();
    DkimSigning configured = new DkimSigning(new DkimSettings(true, "s1", "", pem, false), keys);

    // then it signs with that key, generates nothing, and the record's name is relative to the From domain
    assertThat(configured.signsWithGeneratedKey()).isFalse();
    assertThat(keys.find(DkimSigning.GENERATED_NAME)).isEmpty();
    assertThat(configured.recordLine()).startsWith("s1._domainkey TXT \"v=DKIM1; k=rsa; p=");
    assertThat(configured.dnsRecord()).isEqualTo(new DkimSigning(new DkimSettings(true, "s1", "", pem, false)).dnsRecord());
  }

  @Test
  void signingOffGeneratesNothingAndHasNoRecord() {
    // given DKIM off and no key
    DkimSigning off = new DkimSigning(new DkimSettings(false, "dripline", "", "", false), keys);

    // then nothing was stored, the preflight does not ask for a key, and the record is a clear refusal
    assertThat(keys.find(DkimSigning.GENERATED_NAME)).isEmpty();
    assertThat(off.signsWithGeneratedKey()).isFalse();
    assertThatThrownBy(off::dnsRecord).isInstanceOf(InvalidInputException.class).hasMessageContaining("enabled=false");
  }
}
