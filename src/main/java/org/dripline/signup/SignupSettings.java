package org.dripline.signup;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The double opt-in sign-up ({@code dripline.subscribe.*}).
 *
 * @param from               the confirmation mail's sender address (required)
 * @param fromName           its display name (default: none)
 * @param consentText        the consent checkbox's text, shown on the form (required)
 * @param consentTextVersion stored with every sign-up; change it whenever the text changes (required)
 * @param tags               tags a confirmed subscriber gets, comma-separated (default: none)
 * @param linkLifetime       how long the confirmation link works (default 48h); the mail says so
 * @param maxPerAddress      confirmation mails per address within {@code addressWindow} (default 1: a burst of
 *                           sign-ups for one address sends one mail)
 * @param addressWindow      default 1h
 * @param maxPerClient       sign-up requests per client address within {@code clientWindow} (default 10)
 * @param clientWindow       default 1h
 */
@ConfigurationProperties("dripline.subscribe")
public record SignupSettings(
    String from,
    @DefaultValue("") String fromName,
    String consentText,
    String consentTextVersion,
    @DefaultValue("") List<String> tags,
    @DefaultValue("48h") Duration linkLifetime,
    @DefaultValue("1") int maxPerAddress,
    @DefaultValue("1h") Duration addressWindow,
    @DefaultValue("10") int maxPerClient,
    @DefaultValue("1h") Duration clientWindow) {

  public SignupSettings {
    if (from == null || consentText == null || consentTextVersion == null) {
      throw new IllegalArgumentException("dripline.subscribe.from, consent-text and consent-text-version must be set");
    }
    fromName = fromName == null ? "" : fromName;
    tags = tags == null ? List.of() : tags.stream().map(String::strip).filter(tag -> !tag.isEmpty()).toList();
  }
}
