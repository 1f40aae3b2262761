package org.dripline.testing;

import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import jakarta.mail.internet.MimeMessage;
import java.lang.reflect.Proxy;
import java.util.function.Consumer;

/**
 * A GreenMail mailbox that hands each delivered message to a callback and keeps nothing, so
 * tests sending thousands of messages do not hold them all in memory.
 */
public final class DiscardingMailbox {

  private DiscardingMailbox() {
  }

  public static GreenMailUser user(Consumer<MimeMessage> onDelivery) {
    return (GreenMailUser) Proxy.newProxyInstance(GreenMailUser.class.getClassLoader(),
        new Class<?>[] {GreenMailUser.class}, (proxy, method, args) -> {
          if (method.getName().equals("deliver") && args != null && args[0] instanceof MovingMessage moving) {
            onDelivery.accept(moving.getMessage());
            return null;
          }
          return switch (method.getName()) {
            case "getEmail", "getLogin", "getQualifiedMailboxName" -> "discard@example.org";
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            default -> null;
          };
        });
  }
}
