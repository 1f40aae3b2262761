package org.dripline.delivery.dkim;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * DKIM signing of every message Dripline sends ({@code dripline.dkim.*}).
 *
 * @param enabled      sign at all (default true)
 * @param selector     the {@code s=} selector: the key's DNS record is {@code <selector>._domainkey.<domain>}
 *                     (default {@code dripline})
 * @param domain       the {@code d=} domain (default: none, so the From address's domain)
 * @param privateKey   the RSA key, 2,048 bits or more, as PKCS#8 PEM ({@code BEGIN PRIVATE KEY}); without
 *                     one, a key is generated once and stored in the database for every process on it,
 *                     which only the dev inbox accepts (sending through a real SMTP host is refused)
 * @param nativeCrypto let AWS-LC (Amazon Corretto Crypto Provider) do the RSA when it loads and agrees
 *                     with the JDK; false: the JDK always signs (default true)
 */
public record DkimSettings(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("dripline") String selector,
    @DefaultValue("") String domain,
    @DefaultValue("") String privateKey,
    @DefaultValue("true") boolean nativeCrypto) {

  public DkimSettings {
    domain = domain == null ? "" : domain;
    privateKey = privateKey == null ? "" : privateKey;
  }

  @Override
  public String toString() {
    // never the key itself
    return "DkimSettings[enabled=" + enabled + ", selector=" + selector + ", domain=" + domain
        + ", privateKey=" + (privateKey.isBlank() ? "generated" : "configured") + ", nativeCrypto=" + nativeCrypto + "]";
  }
}
