package org.dripline.delivery.mime;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.dripline.campaign.Campaign;
import org.dripline.campaign.CampaignLoader;
import org.dripline.campaign.SeriesLinks;
import org.dripline.render.MessageLinks;
import org.dripline.render.RenderedMessage;
import org.dripline.render.TemplateEngine;
import org.dripline.subscriber.SubscriberProfile;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Found by HostileRenderFuzzTests: folding breaks a header only at blanks, so a first name of 2,000
 * letters without one (plain ASCII, so it was not encoded) went out as a 2,000-character To: and
 * Subject: line, past the 998 characters RFC 5322 allows and many servers accept. A word too long
 * to fold is now encoded, into short encoded words a line can break between.
 */
class LongHeaderWordTests {

  static final MessageLinks LINKS = new MessageLinks("https://u.invalid/", "https://p.invalid/", "https://w.invalid/");

  @TempDir
  Path campaigns;

  @ParameterizedTest
  @ValueSource(ints = {61, 200, 2_000, 20_000})
  void aNameWithNoBlankFoldsIntoShortLinesAndReadsBackExactly(int length) throws Exception {
    // given a subscriber whose first name is one long ASCII word, printed in the subject too
    String name = "Z".repeat(length);
    SubscriberProfile subscriber = new SubscriberProfile(7, "zoe@example.org", name, null, "ACTIVE", Map.of(), List.of());

    // when the message is composed
    byte[] bytes = compose(subscriber).bytes();

    // then the To and Subject lines keep near RFC 5322's 78 characters (an encoded word after the name may pass it a little)
    String raw = new String(bytes, StandardCharsets.US_ASCII);
    String field = "";
    for (String line : raw.substring(0, raw.indexOf("\r\n\r\n")).split("\r\n")) {
      field = line.startsWith(" ") || line.startsWith("\t") ? field : line.substring(0, line.indexOf(':'));
      assertThat(line.length()).as(field).isLessThanOrEqualTo(field.equals("To") || field.equals("Subject") ? 88 : 998);
    }
    // and a reader decodes exactly the name, in To and in the subject, with one recipient
    MimeMessage parsed = new MimeMessage(MessageComposer.SESSION, new ByteArrayInputStream(bytes));
    assertThat(parsed.getAllRecipients()).singleElement()
        .satisfies(to -> assertThat(((InternetAddress) to).getPersonal()).isEqualTo(name));
    assertThat(parsed.getSubject()).isEqualTo("Hi " + name);
  }

  ComposedMessage compose(SubscriberProfile subscriber) throws Exception {
    Path file = campaigns.resolve("long.yaml");
    Files.writeString(file, """
        id: long
        name: "Long"
        from: { name: "Maya", address: "stories@dripline.example" }
        postal_address: "1 Test Street"
        """ + SeriesLinks.YAML + """
        steps:
          - { id: welcome, offset: P0D, template: working-mom-guilt/welcome, subject: "Hi ${subscriber.firstName}" }
        """);
    Campaign campaign = new CampaignLoader().load(file);
    TemplateEngine engine = new TemplateEngine(Path.of("templates"));
    RenderedMessage content = engine.render(engine.compile(campaign), "welcome", subscriber, LINKS);
    return new MessageComposer(null).compose(42, campaign, "welcome", subscriber, content,
        new MessageComposer.Unsubscribe("https://dripline.example/u/k.42.0.sig", "mailto:unsubscribe@dripline.example"),
        Instant.parse("2026-12-01T08:00:00Z"));
  }
}
