package org.dripline.testing;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One GreenMail server as both the outgoing SMTP host and the IMAP mailbox bounces come back to
 * (user {@code bounces}, password {@code secret}), wired into a test context the way ops wire a real
 * pair: the bounce job reads the same mailbox a real provider would fill.
 */
public final class BounceMailbox {

  private BounceMailbox() {
  }

  /** A server, shared by the class's tests, whose IMAP user {@code bounces} receives mail for {@code address}. */
  public static GreenMailExtension server(String address) {
    return new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP))
        .withConfiguration(GreenMailConfiguration.aConfig().withUser(address, "bounces", "secret"))
        .withPerMethodLifecycle(false);
  }

  /** Points {@code spring.mail.*} and {@code dripline.bounce.imap.*} at {@code mail}. */
  public static void register(DynamicPropertyRegistry registry, GreenMailExtension mail) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> mail.getSmtp().getPort());
    registry.add("dripline.bounce.imap.host", () -> "127.0.0.1");
    registry.add("dripline.bounce.imap.port", () -> mail.getImap().getPort());
    registry.add("dripline.bounce.imap.ssl", () -> "false");
    registry.add("dripline.bounce.imap.user", () -> "bounces");
    registry.add("dripline.bounce.imap.password", () -> "secret");
  }
}
