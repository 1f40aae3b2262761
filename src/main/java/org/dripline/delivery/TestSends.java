package org.dripline.delivery;

import jakarta.mail.MessagingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.dripline.campaign.Campaign;
import org.dripline.campaign.Step;
import org.dripline.delivery.mime.ComposedMessage;
import org.dripline.delivery.mime.MessageComposer;
import org.dripline.infra.InvalidInputException;
import org.dripline.render.CompiledCampaign;
import org.dripline.render.MessageLinks;
import org.dripline.render.RenderException;
import org.dripline.render.RenderedMessage;
import org.dripline.render.TemplateEngine;
import org.dripline.subscriber.SubscriberProfile;
import org.dripline.tracking.MessageTracking;
import org.springframework.stereotype.Service;

/**
 * A test send of a campaign's (or newsletter issue's) steps to a few addresses: rendered with a
 * sample subscriber's data, composed and signed like the real message, but marked as a test
 * (subject prefixed {@value #SUBJECT_PREFIX}, header {@code X-Dripline-Test: yes}), sent now, and
 * never in the ledger: delivery id 0, so no tracking event and no report ever counts it, and its
 * links lead nowhere personal.
 */
@Service
public class TestSends {

  public static final String SUBJECT_PREFIX = "[Test] ";
  /** Added in front of the signed headers: DKIM verifiers ignore unsigned headers, so the signature holds. */
  static final String TEST_HEADER = "X-Dripline-Test: yes\r\n";
  /** A test send goes to a handful of people checking the issue, not to a list. */
  public static final int MAX_ADDRESSES = 10;
  private static final java.util.regex.Pattern EMAIL =
      java.util.regex.Pattern.compile("[^@\\s<>\",;\\p{Cc}\\p{Z}]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");

  /** One message sent: which step, to whom, the server's reply. */
  public record Sent(String stepId, String to, String reply) {
  }

  private final TemplateEngine templates;
  private final MessageTracking tracking;
  private final MessageComposer composer;
  private final Messenger messenger;
  private final Clock clock;

  TestSends(TemplateEngine templates, MessageTracking tracking, MessageComposer composer, Messenger messenger,
      Clock clock) {
    this.templates = templates;
    this.tracking = tracking;
    this.composer = composer;
    this.messenger = messenger;
    this.clock = clock;
  }

  /**
   * Every step of {@code campaign} (a newsletter issue's variants) to every address in {@code to},
   * rendered for {@code sample} (its data, the recipient's address). Addresses are checked before
   * anything is sent.
   *
   * @throws InvalidInputException for a bad address, too many, or a template that cannot render
   * @throws SendFailure when no server took a message (those before it were sent)
   */
  public List<Sent> send(Campaign campaign, SubscriberProfile sample, List<String> to) throws SendFailure {
    if (to == null || to.isEmpty()) {
      throw new InvalidInputException("give at least one address to send the test to (--to a@example.org)");
    }
    if (to.size() > MAX_ADDRESSES) {
      throw new InvalidInputException("a test send goes to at most " + MAX_ADDRESSES + " addresses, not " + to.size());
    }
    for (String address : to) {
      if (address == null || address.length() > 320 || !EMAIL.matcher(address.strip()).matches()) {
        throw new InvalidInputException("'" + org.dripline.campaign.Problem.escaped(String.valueOf(address))
            + "' is not an email address");
      }
    }
    CompiledCampaign compiled = templates.compile(campaign);
    MessageLinks links = tracking.links(0);
    String mailto = tracking.unsubscribeMailto(0, campaign.from().address());
    List<Sent> sent = new ArrayList<>();
    try (Messenger.Connection connection = messenger.connect()) {
      for (Step step : campaign.steps()) {
        for (String address : to) {
          SubscriberProfile recipient = new SubscriberProfile(sample.id(), address.strip(), sample.firstName(),
              sample.timezone(), sample.status(), sample.attributes(), sample.tags());
          ComposedMessage message = compose(campaign, compiled, step, recipient, links, mailto);
          sent.add(new Sent(step.id(), address.strip(), connection.send(message.sender(), message.recipient(),
              message.bytes())));
        }
      }
    }
    return sent;
  }

  private ComposedMessage compose(Campaign campaign, CompiledCampaign compiled, Step step, SubscriberProfile to,
      MessageLinks links, String mailto) {
    try {
      RenderedMessage content = templates.render(compiled, step.id(), to, links);
      RenderedMessage marked = new RenderedMessage(SUBJECT_PREFIX + content.subject(), content.preheader(),
          content.html(), content.text());
      ComposedMessage message = composer.compose(0, campaign, step.id(), to, marked,
          new MessageComposer.Unsubscribe(links.unsubscribe(), mailto), clock.instant());
      byte[] header = TEST_HEADER.getBytes(StandardCharsets.US_ASCII);
      byte[] bytes = new byte[header.length + message.bytes().length];
      System.arraycopy(header, 0, bytes, 0, header.length);
      System.arraycopy(message.bytes(), 0, bytes, header.length, message.bytes().length);
      return new ComposedMessage(message.messageId(), message.sender(), message.recipient(), bytes);
    } catch (RenderException e) {
      throw new InvalidInputException("step '" + step.id() + "' cannot be rendered for the sample: " + e.getMessage());
    } catch (MessagingException e) {
      throw new InvalidInputException("cannot build the test message: " + e.getMessage());
    }
  }
}
