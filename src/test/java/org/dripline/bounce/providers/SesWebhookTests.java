package org.dripline.bounce.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.dripline.bounce.BounceReason;
import org.dripline.bounce.BounceSettings;
import org.dripline.bounce.ProviderEvent;
import org.dripline.bounce.providers.ProviderSigning.FakeSns;
import org.dripline.bounce.providers.ProviderSigning.Signer;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/** What SES's notifications mean, read off their documented shapes. */
class SesWebhookTests {

  static final Signer SIGNER = SnsStandInConfiguration.SIGNER;

  FakeSns sns = new FakeSns(SIGNER);

  @Test
  void aPermanentBounceCarriesItsCodeWordsSubtypeAndOurMessageId() {
    ProviderWebhook.Batch batch = read(webhook(false), "ses/bounce-permanent.json");

    assertThat(batch.events()).singleElement().satisfies(event -> {
      assertThat(event.type()).isEqualTo(ProviderEvent.Type.PERMANENT_BOUNCE);
      assertThat(event.recipient()).isEqualTo("gone@example.net");
      assertThat(event.statusCode()).isEqualTo("5.1.1");
      assertThat(event.diagnostic()).contains("User unknown");
      assertThat(event.messageId()).isEqualTo("<1001.0a1b2c3d4e5f6a7b@news.example.org>");
      assertThat(event.eventId()).isEqualTo("sns-1");
    });
  }

  @Test
  void aTransientBounceWithoutHeadersIsMatchedLaterByItsRecipient() {
    ProviderWebhook.Batch batch = read(webhook(false), "ses/bounce-transient.json");

    assertThat(batch.events()).singleElement().satisfies(event -> {
      assertThat(event.type()).isEqualTo(ProviderEvent.Type.TRANSIENT_BOUNCE);
      assertThat(event.messageId()).isNull();
      assertThat(event.providerReason()).isEqualTo(BounceReason.MAILBOX_FULL);
    });
  }

  @Test
  void aComplaintOfAnotherFeedbackTypeIsNoComplaint() {
    String notSpam = ProviderSigning.fixture("ses/complaint.json").replace("\"abuse\"", "\"not-spam\"");
    ProviderWebhook.Batch batch = webhook(false).read(new HttpHeaders(), ProviderSigning.snsNotification("sns-1",
        notSpam, SIGNER, "1", ProviderSigning.CERT_URL).toString().getBytes(StandardCharsets.UTF_8));

    assertThat(batch.events()).isEmpty();
    assertThat(batch.ignored()).isEqualTo(1);
  }

  @Test
  void aSubscriptionRequestIsOnlyLoggedUnlessConfirmingIsConfigured() {
    String subscribe = "https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&Token=abc";
    byte[] body = ProviderSigning.snsSubscriptionConfirmation(subscribe, SIGNER).toString().getBytes(StandardCharsets.UTF_8);

    // when confirming is off / then only the certificate is fetched
    webhook(false).read(new HttpHeaders(), body);
    assertThat(sns.fetched()).extracting(Object::toString).containsExactly(ProviderSigning.CERT_URL);

    // when it is on / then the SubscribeURL is fetched too
    webhook(true).read(new HttpHeaders(), body);
    assertThat(sns.fetched()).extracting(Object::toString).contains(subscribe);
  }

  @Test
  void aNotificationWithoutRecipientsIsMalformed() {
    String nobody = ProviderSigning.fixture("ses/bounce-permanent.json").replaceAll("(?s)\"bouncedRecipients\": \\[.*?\\]",
        "\"bouncedRecipients\": []");
    assertThatThrownBy(() -> webhook(false).read(new HttpHeaders(), ProviderSigning.snsNotification("sns-1", nobody,
        SIGNER, "1", ProviderSigning.CERT_URL).toString().getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(WebhookException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST));
  }

  private ProviderWebhook.Batch read(SesWebhook webhook, String fixture) {
    return webhook.read(new HttpHeaders(), ProviderSigning.snsNotification("sns-1", ProviderSigning.fixture(fixture),
        SIGNER, "2", ProviderSigning.CERT_URL).toString().getBytes(StandardCharsets.UTF_8));
  }

  private SesWebhook webhook(boolean confirm) {
    BounceSettings settings = new BounceSettings(new BounceSettings.Imap("", 993, "", "", "INBOX", true,
        Duration.ofSeconds(30)), 3, Duration.ofDays(30), "Dripline-Processed", "Dripline-Unreadable",
        new BounceSettings.Webhooks(new BounceSettings.Ses(List.of(ProviderSigning.TOPIC), confirm),
            new BounceSettings.Mailgun("", Duration.ofMinutes(5)), new BounceSettings.Sendgrid(""),
            new BounceSettings.Postmark("postmark", "")));
    return new SesWebhook(settings, sns, Clock.systemUTC());
  }
}
