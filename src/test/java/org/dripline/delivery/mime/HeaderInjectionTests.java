package org.dripline.delivery.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import jakarta.mail.Header;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.dripline.campaign.Campaign;
import org.dripline.campaign.CampaignLoader;
import org.dripline.campaign.SeriesLinks;
import org.dripline.render.MessageLinks;
import org.dripline.render.RenderedMessage;
import org.dripline.render.TemplateEngine;
import org.dripline.subscriber.SubscriberProfile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Header injection through subscriber data: a name or attribute that reaches the From/To
 * personal name or the subject (through the subject template) must give exactly the headers of
 * a control message and exactly one recipient, on the wire as written by Jakarta Mail.
 */
class HeaderInjectionTests {

  static final Session SESSION = Session.getInstance(new Properties());
  static final MessageLinks LINKS = new MessageLinks("https://u.invalid/", "https://p.invalid/", "https://w.invalid/");
  static final String EVIL = "evil@attacker.example";

  @TempDir
  static Path campaigns;
  static Campaign campaign;
  static TemplateEngine engine;

  @BeforeAll
  static void campaignWhoseSubjectAndPreheaderPrintSubscriberData() throws Exception {
    Path file = campaigns.resolve("injection.yaml");
    Files.writeString(file, """
        id: injection
        name: "Injection"
        from: { name: "Maya", address: "stories@dripline.example" }
        reply_to: "hello@dripline.example"
        postal_address: "1 Test Street"
        """ + SeriesLinks.YAML + """
        steps:
          - id: welcome
            offset: P0D
            template: working-mom-guilt/welcome
            subject: "Hi ${subscriber.firstName}, ${subscriber.attributes.city!'there'}"
            preheader: "${subscriber.attributes.city!''} ${subscriber.firstName}"
        """);
    campaign = new CampaignLoader().load(file);
    engine = new TemplateEngine(Path.of("templates"));
  }

  static List<String> hostileValues() {
    return List.of("Zoë\r\nBcc: " + EVIL, "Zoë\nBcc: " + EVIL, "Zoë\rBcc: " + EVIL, "Zoë\u0000Bcc: " + EVIL,
        "Zoë\u2028Bcc: " + EVIL, "Zoë\u2029\u0085Bcc: " + EVIL, "Zoë\r\n\r\n<html>injected body</html>",
        "Zoë\r\n To: " + EVIL, "Zoë\r\n\tBcc: " + EVIL, "=?UTF-8?Q?Zo=0D=0ABcc:_" + EVIL + "?=", "Zoë, " + EVIL,
        "\"Zoë\" <" + EVIL + ">", "Zoë <" + EVIL + ">, x", "Zoë\tBcc:\t" + EVIL, "Zoë\u000BBcc: " + EVIL,
        "Zoë\u001B[31m\u007F", "Z".repeat(2000) + "\r\nBcc: " + EVIL);
  }

  @ParameterizedTest
  @MethodSource("hostileValues")
  void hostileNamesAndAttributesGiveTheSameHeadersAndOneRecipient(String hostile) throws Exception {
    // given a control message and one whose subscriber name and attribute carry the hostile value
    MimeMessage control = roundTrip(compose(subscriber("Zoë", "Paris")));
    MimeMessage attacked = roundTrip(compose(subscriber(hostile, hostile)));

    // then the headers are the same set, there is exactly one recipient, and nothing reached the attacker
    assertThat(headerNames(attacked)).isEqualTo(headerNames(control));
    assertThat(attacked.getAllRecipients()).hasSize(1);
    assertThat(((InternetAddress) attacked.getAllRecipients()[0]).getAddress()).isEqualTo("zoe@example.org");
    assertThat(attacked.getHeader("Bcc")).isNull();
    assertThat(attacked.getHeader("Subject")).hasSize(1);
    assertThat(attacked.getFrom()).hasSize(1);
    ComposedMessage composed = compose(subscriber(hostile, hostile));
    assertThat(composed.recipient()).as("the envelope recipient").isEqualTo("zoe@example.org");
    String raw = wire(composed);
    String headerSection = raw.substring(0, raw.indexOf("\r\n\r\n"));
    assertThat(headerSection.lines().filter(l -> l.regionMatches(true, 0, "Bcc:", 0, 4))).isEmpty();
    assertThat(headerSection).doesNotContain("\u0000").doesNotContain("\u2028");
  }

  @Test
  void anAddressThatSmugglesAHeaderIsRefusedEvenWithAName() {
    // given a subscriber row whose email was never validated (written by some other path)
    SubscriberProfile smuggler = new SubscriberProfile(9, "victim@example.org\r\nBcc: " + EVIL, "Vic", null, "ACTIVE",
        Map.of(), List.of());

    // when the message is composed / then the address is refused instead of written
    Throwable failure = catchThrowable(() -> compose(smuggler));
    assertThat(failure).isInstanceOf(AddressException.class);
  }

  @Test
  void anAddressListInTheEmailFieldIsRefused() {
    // given an email field holding two addresses / when composed / then refused: one message, one recipient
    SubscriberProfile two = new SubscriberProfile(9, "victim@example.org, " + EVIL, "Vic", null, "ACTIVE", Map.of(),
        List.of());
    assertThat(catchThrowable(() -> compose(two))).isInstanceOf(AddressException.class);
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"a\\0b@example.org", "a\\u2028b@example.org",
      "a\\rBcc: x@example.org", "a\\u0085b@example.org"})
  void aSenderAddressWithControlCharactersIsRejectedWhenTheCampaignLoads(String address) throws Exception {
    // given a campaign whose from and reply-to addresses carry a YAML-escaped control character
    Path file = campaigns.resolve("sender.yaml");
    Files.writeString(file, """
        id: sender
        name: "Sender"
        from: { name: "Maya", address: "%s" }
        reply_to: "%s"
        postal_address: "1 Test Street"
        steps:
          - { id: welcome, offset: P0D, template: working-mom-guilt/welcome, subject: "Hi" }
        """.formatted(address, address));

    // when it is loaded / then both addresses are reported, before anything is sent
    Throwable failure = catchThrowable(() -> new CampaignLoader().load(file));
    assertThat(failure).isInstanceOf(org.dripline.campaign.InvalidCampaignException.class)
        .hasMessageContaining("'from.address' is not an email address").hasMessageContaining("'reply_to' is not an email address");
  }

  static SubscriberProfile subscriber(String name, String city) {
    return new SubscriberProfile(7, "zoe@example.org", name, "Europe/Paris", "ACTIVE", Map.of("city", city), List.of());
  }

  static ComposedMessage compose(SubscriberProfile subscriber) throws Exception {
    RenderedMessage content = engine.render(engine.compile(campaign), "welcome", subscriber, LINKS);
    return new MessageComposer(null).compose(42, campaign, "welcome", subscriber, content,
        new MessageComposer.Unsubscribe("https://dripline.example/u/k.42.0.sig", "mailto:unsubscribe@dripline.example"),
        Instant.parse("2026-12-01T08:00:00Z"));
  }

  static String wire(ComposedMessage message) {
    return new String(message.bytes(), StandardCharsets.UTF_8);
  }

  /** Parsed back from the bytes on the wire, as the receiving server sees it. */
  static MimeMessage roundTrip(ComposedMessage message) throws Exception {
    return new MimeMessage(SESSION, new ByteArrayInputStream(wire(message).getBytes(StandardCharsets.UTF_8)));
  }

  static List<String> headerNames(MimeMessage message) throws Exception {
    List<String> names = new ArrayList<>();
    for (Header header : Collections.list(message.getAllHeaders())) {
      names.add(header.getName().toLowerCase());
    }
    Collections.sort(names);
    return names;
  }
}
