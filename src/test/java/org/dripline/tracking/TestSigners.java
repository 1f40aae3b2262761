package org.dripline.tracking;

import java.time.Duration;
import java.util.Map;

/** Signers with test keys, for tests outside this package (their constructors are package-private). */
public final class TestSigners {

  /** The key id and key of src/test/resources/config/application.properties, as every test context has them. */
  public static final Map<String, String> TEST_KEYS = Map.of("test", "dGVzdC1vbmx5LWxpbmstc2lnbmluZy1rZXktMzItYnl0ZXMhIQ==");

  private TestSigners() {
  }

  public static TokenSigner signer(Map<String, String> keys, String active) {
    return new TokenSigner(new TrackingSettings(keys, active, Duration.ofSeconds(10), null, Duration.ofMillis(5), 10_000,
        10_000));
  }

  public static BounceAddresses bounceAddresses(Map<String, String> keys, String active) {
    return new BounceAddresses(signer(keys, active));
  }

  /** Bounce addresses signed with the test contexts' key. */
  public static BounceAddresses bounceAddresses() {
    return bounceAddresses(TEST_KEYS, "test");
  }
}
