package org.dripline.render;

import jakarta.mail.Header;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.dripline.delivery.mime.ComposedMessage;
import org.dripline.infra.HeaderText;
import org.dripline.subscriber.SubscriberProfile;

/**
 * What must hold for every composed message, whatever the data: checked on the bytes as written and
 * on the message Jakarta Mail parses back from them (as the receiving server sees it). Returns the
 * problems found rather than failing at the first, so a fuzz run reports every broken case.
 */
final class WireCheck {

  static final Session SESSION = Session.getInstance(new Properties());
  /** What may not survive into a one-line slot: the characters HeaderText turns into spaces. */
  private static final Pattern LINE_BREAKING = Pattern.compile("[\\p{Cntrl}\\u2028\\u2029\\u0085]");
  private static final Pattern BREAK = Pattern.compile("\r\n|\r|\n");

  private WireCheck() {
  }

  /** The header names of a message, lower-cased and sorted (Subject left out: an empty subject has none). */
  static TreeSet<String> headerNames(MimeMessage message) throws Exception {
    TreeSet<String> names = new TreeSet<>();
    for (Header header : Collections.list(message.getAllHeaders())) {
      names.add(header.getName().toLowerCase());
    }
    names.remove("subject");
    return names;
  }

  static MimeMessage parse(ComposedMessage message) throws Exception {
    return new MimeMessage(SESSION, new ByteArrayInputStream(message.bytes()));
  }

  /** Every way {@code message} differs from a well-formed message to exactly {@code to}. */
  static List<String> problems(ComposedMessage message, SubscriberProfile to, RenderedMessage content,
      TreeSet<String> expectedHeaders, int headerFieldCount, boolean decodeBody) throws Exception {
    List<String> problems = new ArrayList<>();
    byte[] bytes = message.bytes();
    String raw = new String(bytes, StandardCharsets.ISO_8859_1);
    int end = raw.indexOf("\r\n\r\n");
    if (end < 0) {
      problems.add("no blank line after the headers");
      return problems;
    }
    String headerSection = raw.substring(0, end + 2);
    int fields = 0;
    for (int i = 0; i < headerSection.length(); i++) {
      char c = headerSection.charAt(i);
      if (c == '\r' && headerSection.charAt(i + 1) != '\n' || c == '\n' && (i == 0 || headerSection.charAt(i - 1) != '\r')) {
        problems.add("a bare CR or LF in the headers at " + i);
      } else if (c != '\r' && c != '\n' && c != '\t' && (c < 0x20 || c > 0x7e)) {
        problems.add("byte " + (int) c + " in the headers at " + i);
      }
    }
    for (String line : headerSection.split("\r\n")) {
      if (line.length() > 998) {
        problems.add("a header line of " + line.length() + " characters");
      }
      if (!line.isEmpty() && line.charAt(0) != ' ' && line.charAt(0) != '\t') {
        fields++;
      }
    }
    boolean hasSubject = headerSection.regionMatches(true, 0, "Subject:", 0, 8) || headerSection.toLowerCase().contains("\r\nsubject:");
    if (fields - (hasSubject ? 1 : 0) != headerFieldCount) {
      problems.add(fields + " header fields (subject " + hasSubject + "), a control message has " + headerFieldCount + " without the subject");
    }
    for (String bodyLine : raw.substring(end + 4).split("\r\n", -1)) {
      if (bodyLine.length() > 76) {
        problems.add("a body line of " + bodyLine.length() + " characters");
        break;
      }
    }

    MimeMessage parsed = parse(message);
    TreeSet<String> names = headerNames(parsed);
    if (!names.equals(expectedHeaders)) {
      problems.add("headers " + names + ", expected " + expectedHeaders);
    }
    for (String single : List.of("From", "To", "Date", "Message-ID", "Content-Type")) {
      String[] values = parsed.getHeader(single);
      if (values == null || values.length != 1) {
        problems.add((values == null ? 0 : values.length) + " " + single + " headers");
      }
    }
    String[] subjects = parsed.getHeader("Subject");
    if (subjects != null && subjects.length > 1) {
      problems.add(subjects.length + " Subject headers");
    }
    if (parsed.getAllRecipients() == null || parsed.getAllRecipients().length != 1) {
      problems.add("recipients " + (parsed.getAllRecipients() == null ? 0 : parsed.getAllRecipients().length));
    } else {
      InternetAddress recipient = (InternetAddress) parsed.getAllRecipients()[0];
      if (!recipient.getAddress().equals(to.email()) || !message.recipient().equals(to.email())) {
        problems.add("recipient " + recipient.getAddress() + " / envelope " + message.recipient() + ", expected " + to.email());
      }
      String expectedName = utf8(HeaderText.clean(to.firstName()));
      String shownName = recipient.getPersonal() == null ? "" : recipient.getPersonal();
      if (!shownName.equals(expectedName == null ? "" : expectedName)) {
        problems.add("To shows the name " + HostileInput.describe(shownName) + ", stored " + HostileInput.describe(expectedName));
      }
    }
    String subject = parsed.getSubject() == null ? "" : parsed.getSubject();
    if (!subject.equals(content.subject() == null ? "" : utf8(content.subject()))) {
      problems.add("the subject decodes to " + HostileInput.describe(subject) + ", rendered " + HostileInput.describe(content.subject()));
    }
    for (String line : new String[] {subject, content.preheader()}) {
      if (line != null && LINE_BREAKING.matcher(line).find()) {
        problems.add("a line break or control in a one-line slot: " + HostileInput.describe(line));
      }
    }
    if (!decodeBody) {
      return problems; // decoding both parts back is the slow half of a check: done for a sample of the cases
    }
    Multipart parts = (Multipart) parsed.getContent();
    if (parts.getCount() != 2) {
      problems.add(parts.getCount() + " body parts");
    } else {
      compare(problems, "text", parts.getBodyPart(0), content.text());
      compare(problems, "html", parts.getBodyPart(1), content.html());
    }
    return problems;
  }

  /** The text as it survives UTF-8: a lone surrogate (not a character) becomes "?", as the JDK's encoder writes it. */
  static String utf8(String text) {
    return text == null ? null : new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
  }

  /** A part decodes back to the rendered text, line breaks aside (quoted-printable writes every break as CRLF). */
  private static void compare(List<String> problems, String what, Part part, String rendered) throws Exception {
    String decoded = (String) part.getContent();
    if (!BREAK.matcher(decoded).replaceAll("\n").equals(BREAK.matcher(utf8(rendered)).replaceAll("\n"))) {
      problems.add("the " + what + " part does not decode to the rendered " + what);
    }
  }
}
