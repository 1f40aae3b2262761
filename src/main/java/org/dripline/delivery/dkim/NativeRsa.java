package org.dripline.delivery.dkim;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DKIM signature is the largest single cost of a message: RSA-2048 takes about 1.1 ms of CPU
 * in the JDK's provider and about 0.27 ms in AWS-LC (the native library of Amazon Corretto Crypto
 * Provider) on the benchmark machine. The provider is used for this one signature only, never
 * installed for the whole JVM, so TLS and token HMACs keep the JDK's implementations.
 */
final class NativeRsa {

  private static final Logger log = LoggerFactory.getLogger(NativeRsa.class);

  private NativeRsa() {
  }

  /**
   * AWS-LC's provider when its native library loads on this machine and its signature verifies
   * with the JDK's own RSA for {@code key}; otherwise null, and signing stays in the JDK.
   */
  static Provider provider(RSAPrivateKey key) {
    try {
      AmazonCorrettoCryptoProvider accp = AmazonCorrettoCryptoProvider.INSTANCE;
      if (accp.getLoadingError() != null) {
        log.info("DKIM signs with the JDK's RSA: the native provider did not load ({})", accp.getLoadingError().toString());
        return null;
      }
      if (!agreesWithJdk(accp, key)) {
        log.warn("DKIM signs with the JDK's RSA: the native provider's signature did not verify");
        return null;
      }
      return accp;
    } catch (LinkageError | RuntimeException | java.security.GeneralSecurityException e) {
      log.info("DKIM signs with the JDK's RSA: the native provider is unavailable ({})", e.toString());
      return null;
    }
  }

  // One signature at start, checked by the JDK: a native library that loads but signs wrongly
  // must not reach a single message.
  private static boolean agreesWithJdk(Provider accp, RSAPrivateKey key) throws java.security.GeneralSecurityException {
    if (!(key instanceof RSAPrivateCrtKey crt)) {
      return false;
    }
    byte[] probe = "dripline dkim probe".getBytes(StandardCharsets.US_ASCII);
    Signature signer = Signature.getInstance("SHA256withRSA", accp);
    signer.initSign(key);
    signer.update(probe);
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance("SHA256withRSA");
    verifier.initVerify(DkimSigning.publicKey(crt));
    verifier.update(probe);
    return verifier.verify(signature);
  }
}
