package org.dripline.devinbox;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** Lists what the embedded dev inbox received and shows each message's HTML and text parts. */
@Controller
@ConditionalOnWebApplication
@ConditionalOnExpression("'${spring.mail.host:}'.isBlank()")
class DevInboxController {

  private final GreenMail inbox;

  DevInboxController(GreenMail inbox) {
    this.inbox = inbox;
  }

  @GetMapping("/")
  String list(@RequestParam(name = "to", required = false) String to, Model model) throws MessagingException {
    MimeMessage[] messages = inbox.getReceivedMessages();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = messages.length - 1; i >= 0; i--) {
      String recipient = recipient(messages[i]);
      if (to == null || to.isBlank() || recipient.equalsIgnoreCase(to.strip())) {
        rows.add(Map.of("index", i, "to", recipient, "subject", nullToEmpty(messages[i].getSubject()),
            "date", String.valueOf(messages[i].getSentDate())));
      }
    }
    model.addAttribute("messages", rows);
    model.addAttribute("total", messages.length);
    model.addAttribute("to", to == null ? "" : to);
    return "inbox";
  }

  @GetMapping("/inbox/{index}")
  String show(@PathVariable int index, Model model) throws MessagingException, IOException {
    MimeMessage message = message(index);
    Map<String, String> headers = new LinkedHashMap<>();
    for (String name : List.of("From", "To", "Reply-To", "Subject", "Date", "Message-ID", "X-Dripline-Delivery")) {
      String[] values = message.getHeader(name);
      if (values != null) {
        headers.put(name, name.equals("Subject") ? message.getSubject() : String.join(", ", values));
      }
    }
    model.addAttribute("index", index);
    model.addAttribute("headers", headers);
    model.addAttribute("text", nullToEmpty(part(message, "text/plain")));
    model.addAttribute("size", message.getSize());
    return "message";
  }

  /** The HTML part on its own, sandboxed: no scripts, no requests leave the page. */
  @GetMapping(value = "/inbox/{index}/html")
  ResponseEntity<String> html(@PathVariable int index) throws MessagingException, IOException {
    String html = part(message(index), "text/html");
    return ResponseEntity.ok()
        .header("Content-Security-Policy", "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:")
        .contentType(new MediaType("text", "html", java.nio.charset.StandardCharsets.UTF_8))
        .body(html == null ? "" : html);
  }

  private MimeMessage message(int index) {
    MimeMessage[] messages = inbox.getReceivedMessages();
    if (index < 0 || index >= messages.length) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no message " + index);
    }
    return messages[index];
  }

  private static String part(Part part, String type) throws MessagingException, IOException {
    if (part.isMimeType(type)) {
      return (String) part.getContent();
    }
    if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart body = multipart.getBodyPart(i);
        String found = part(body, type);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  private static String recipient(MimeMessage message) throws MessagingException {
    var to = message.getRecipients(Message.RecipientType.TO);
    return to == null ? "" : String.join(", ", Arrays.stream(to).map(a -> a instanceof jakarta.mail.internet.InternetAddress ia
        ? ia.getAddress() : a.toString()).toList());
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }
}
