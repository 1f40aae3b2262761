package org.dripline.delivery;

import org.dripline.delivery.dkim.DkimSigning;
import org.springframework.stereotype.Component;

/** The DNS record of the key messages are DKIM-signed with, for the {@code dkim-record} command. */
@Component
public class DkimRecord {

  private final DkimSigning dkim;

  DkimRecord(DkimSigning dkim) {
    this.dkim = dkim;
  }

  /**
   * {@code <selector>._domainkey[.<domain>] TXT "v=DKIM1; k=rsa; p=..."}; without
   * {@code dripline.dkim.domain} the name is relative to each From address's domain. Throws
   * InvalidInputException when signing is off and no key is configured.
   */
  public String line() {
    return dkim.recordLine();
  }

  /** Signing uses the key Dripline generated and stored because none is configured. */
  public boolean generated() {
    return dkim.signsWithGeneratedKey();
  }
}
