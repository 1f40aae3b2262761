package org.dripline.signup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.dripline.delivery.TransactionalMail;
import org.junit.jupiter.api.Test;

class ConfirmationMailTests {

  @Test
  void saysHowLongTheLinkWorksInTheUnitPeopleUse() {
    assertThat(ConfirmationMail.lifetime(Duration.ofHours(48))).isEqualTo("48 hours");
    assertThat(ConfirmationMail.lifetime(Duration.ofHours(24))).isEqualTo("24 hours");
    assertThat(ConfirmationMail.lifetime(Duration.ofHours(1))).isEqualTo("1 hour");
    assertThat(ConfirmationMail.lifetime(Duration.ofHours(36))).isEqualTo("36 hours");
    assertThat(ConfirmationMail.lifetime(Duration.ofDays(3))).isEqualTo("3 days");
    assertThat(ConfirmationMail.lifetime(Duration.ofDays(7))).isEqualTo("7 days");
    assertThat(ConfirmationMail.lifetime(Duration.ofMinutes(90))).isEqualTo("90 minutes");
    assertThat(ConfirmationMail.lifetime(Duration.ofSeconds(45))).isEqualTo("45 seconds");
  }

  @Test
  void theMailCarriesTheConfiguredLifetimeTheLinkAndTheSender() {
    // given a link lifetime of three days
    SignupSettings settings = new SignupSettings("stories@dripline.example", "Maya", "I agree", "v1", List.of(),
        Duration.ofDays(3), 3, Duration.ofHours(24), 10, Duration.ofHours(1));

    // when the confirmation is written
    TransactionalMail.Mail mail = ConfirmationMail.of(settings, "nia@example.org", "Nia",
        "https://mail.example/confirm/abc");

    // then both parts say three days, carry the link, and greet by name
    assertThat(mail.text()).contains("within 3 days:\nhttps://mail.example/confirm/abc").startsWith("Hello Nia,");
    assertThat(mail.html()).contains("the link works for 3 days").contains("href=\"https://mail.example/confirm/abc\"");
    assertThat(mail.text()).doesNotContain("48 hours");
    assertThat(mail.from()).isEqualTo("stories@dripline.example");
    assertThat(mail.fromName()).isEqualTo("Maya");
    assertThat(mail.to()).isEqualTo("nia@example.org");
  }
}
