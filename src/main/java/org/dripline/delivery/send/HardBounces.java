package org.dripline.delivery.send;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which permanent SMTP rejections mean "this address does not work" (suppress it) rather than
 * "this message was refused" (spam verdict, size): RFC 3463 enhanced codes 5.1.x, and the basic
 * 550/551/553 replies of servers that send no enhanced code.
 */
final class HardBounces {

  private static final Pattern REPLY = Pattern.compile("^(\\d{3})[ -](?:(\\d)\\.(\\d{1,3})\\.(\\d{1,3}))?");

  private HardBounces() {
  }

  static boolean isAddressFailure(String reply) {
    if (reply == null) {
      return false;
    }
    Matcher matcher = REPLY.matcher(reply.strip());
    if (!matcher.find()) {
      return false;
    }
    if (matcher.group(2) != null) {
      return matcher.group(2).equals("5") && matcher.group(3).equals("1");
    }
    return switch (matcher.group(1)) {
      case "550", "551", "553" -> true;
      default -> false;
    };
  }
}
