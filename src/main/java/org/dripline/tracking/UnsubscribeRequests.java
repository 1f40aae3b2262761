package org.dripline.tracking;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The subject of the mailto half of List-Unsubscribe, {@code unsubscribe-<signed delivery token>}:
 * written by the send step and read back by the bounce mailbox, so both sides share one format.
 * The token names the delivery, which tells a newsletter issue (leave its list) from a series
 * (stop everything).
 */
@Component
public class UnsubscribeRequests {

  static final String SUBJECT_PREFIX = "unsubscribe-";
  private static final Pattern TOKEN = Pattern.compile("(?i)\\bunsubscribe-(\\S+)");

  private final TokenSigner signer;

  public UnsubscribeRequests(TokenSigner signer) {
    this.signer = signer;
  }

  /** The subject a mailto unsubscribe for this delivery carries. */
  public String subject(long deliveryId) {
    return SUBJECT_PREFIX + signer.sign(Purpose.UNSUBSCRIBE, deliveryId, 0);
  }

  /**
   * The delivery an unsubscribe request's subject names, if its token verifies; empty for a request
   * typed by hand (a mail client may add "Re:" or similar around the token: only the token counts).
   */
  public Optional<Long> deliveryId(String subject) {
    if (subject == null) {
      return Optional.empty();
    }
    Matcher m = TOKEN.matcher(subject);
    while (m.find()) {
      Optional<TokenSigner.Claims> claims = signer.verify(Purpose.UNSUBSCRIBE, m.group(1));
      if (claims.isPresent()) {
        return Optional.of(claims.get().subject());
      }
    }
    return Optional.empty();
  }
}
