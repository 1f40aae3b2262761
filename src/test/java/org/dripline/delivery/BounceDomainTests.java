package org.dripline.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.dripline.campaign.Campaign;
import org.dripline.campaign.CampaignCatalog;
import org.dripline.infra.InfraSettings;
import org.dripline.infra.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.mail.autoconfigure.MailProperties;

/** dripline.smtp.verp-domain: a domain name, aligned with each campaign's From domain (DMARC), checked before a run. */
class BounceDomainTests {

  final Campaign campaign = new CampaignCatalog(Path.of("campaigns")).load("working-mom-guilt"); // from dripline.example

  @Test
  void theFromDomainAndItsSubdomainsAlign() {
    // given bounce domains equal to the From domain or below it / then each fits, in any case
    for (String domain : List.of("dripline.example", "bounces.dripline.example", "B.Mail.Dripline.Example")) {
      assertThat(new SmtpSettings(null, domain).misalignment("stories@dripline.example")).as(domain).isNull();
    }
    assertThat(new SmtpSettings(null, null).misalignment("stories@dripline.example")).isNull();
    assertThat(new SmtpSettings(null, " ").verp()).isFalse();
  }

  @Test
  void anotherDomainOrOneThatMerelyEndsTheSameIsMisaligned() {
    // given domains that are not the From domain nor below it / then each is refused naming both domains
    for (String domain : List.of("example.org", "notdripline.example", "dripline.example.org")) {
      assertThat(new SmtpSettings(null, domain).misalignment("stories@dripline.example")).as(domain)
          .contains("dripline.smtp.verp-domain " + domain, "dripline.example", "DMARC");
    }
  }

  @Test
  void aBounceDomainThatIsNoDomainNameStopsTheStart() {
    // given values that cannot follow the @ of an envelope sender / then binding fails naming the key
    for (String bad : List.of("bounces", "b@x.example.org", "-x.example.org", "x..example.org", "x.example.org>\r\n",
        "bounces.dripline.example:25")) {
      assertThatThrownBy(() -> new SmtpSettings(null, bad)).as(bad)
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dripline.smtp.verp-domain");
    }
  }

  @Test
  void aRunWithAMisalignedBounceDomainIsRefusedWithOneLineEvenForTheDevInbox() {
    // given the dev inbox and a bounce domain that is not the campaign's
    SendPreflight preflight = preflight(new SmtpSettings(List.of(), "bounces.example.org"), new MailProperties());

    // when the campaign is checked / then one line says what to use instead
    assertThatThrownBy(() -> preflight.checkBounceDomain(campaign)).isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("refusing to run campaign working-mom-guilt: dripline.smtp.verp-domain bounces.example.org")
        .hasMessageEndingWith("use dripline.example or a subdomain of it")
        .message().doesNotContain("\n");
  }

  @Test
  void anAlignedBounceDomainPassesAndAFixedMailSmtpFromBesideItIsRefused() {
    // given an aligned bounce domain / then it passes
    assertThatCode(() -> preflight(new SmtpSettings(List.of(), "bounces.dripline.example"), new MailProperties())
        .checkBounceDomain(campaign)).doesNotThrowAnyException();

    // given also a fixed envelope sender in the Jakarta Mail properties / then the run is refused
    MailProperties fixed = new MailProperties();
    fixed.getProperties().put("mail.smtp.from", "ops@dripline.example");
    assertThatThrownBy(() -> preflight(new SmtpSettings(List.of(), "bounces.dripline.example"), fixed)
        .checkBounceDomain(campaign)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("mail.smtp.from");
    // and without VERP a fixed envelope sender is the operator's business, as before
    assertThatCode(() -> preflight(new SmtpSettings(List.of(), null), fixed).checkBounceDomain(campaign))
        .doesNotThrowAnyException();
  }

  static SendPreflight preflight(SmtpSettings smtp, MailProperties mail) {
    InfraSettings infra = new InfraSettings("http://localhost:8080", "data", new InfraSettings.DevInbox(3025, 3143));
    MailServers servers = new MailServers(mail, smtp, infra);
    return new SendPreflight(servers, null, null, infra, new DeliverySettings(null, smtp, null, false));
  }
}
