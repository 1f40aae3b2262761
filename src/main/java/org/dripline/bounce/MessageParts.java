package org.dripline.bounce;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The parts of a mailbox message that matter for bounce handling, found by walking its MIME
 * tree once: machine-readable reports, the returned original's headers and the human text.
 * Bounded in depth, part count and text size, because the mailbox receives whatever anyone sends.
 */
final class MessageParts {

  private static final int MAX_DEPTH = 8;
  private static final int MAX_PARTS = 200;
  private static final int MAX_TEXT = 256 * 1024;
  private static final int MAX_REPORT = 64 * 1024;

  final List<byte[]> deliveryStatus = new ArrayList<>();
  byte[] feedbackReport;
  InternetHeaders original;
  final StringBuilder text = new StringBuilder();
  final StringBuilder html = new StringBuilder();
  private int parts;

  static MessageParts of(Part message) throws MessagingException, IOException {
    MessageParts found = new MessageParts();
    found.collect(message, 0);
    return found;
  }

  /** Plain text if there is any, else the HTML part with its tags removed (some MTAs send only HTML). */
  String humanText() {
    if (!text.isEmpty()) {
      return text.toString();
    }
    return html.toString().replaceAll("(?is)<(script|style)[^>]*>.*?</\\1>", " ").replaceAll("(?s)<[^>]{0,2000}>", " ")
        .replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
  }

  private void collect(Part part, int depth) throws MessagingException, IOException {
    if (depth > MAX_DEPTH || ++parts > MAX_PARTS) {
      return;
    }
    String type = baseType(part);
    if (type.startsWith("multipart/")) {
      if (part.getContent() instanceof Multipart multipart) {
        for (int i = 0; i < multipart.getCount() && parts < MAX_PARTS; i++) {
          BodyPart child = multipart.getBodyPart(i);
          collect(child, depth + 1);
        }
      }
      return;
    }
    switch (type) {
      case "message/delivery-status", "message/global-delivery-status" -> deliveryStatus.add(bytes(part, MAX_REPORT));
      case "message/feedback-report" -> feedbackReport = feedbackReport == null ? bytes(part, MAX_REPORT) : feedbackReport;
      // The returned original: only its headers matter (delivery header, Message-ID); never its text.
      case "message/rfc822", "message/global", "text/rfc822-headers", "message/global-headers" -> {
        if (original == null) {
          original = new InternetHeaders(new ByteArrayInputStream(bytes(part, MAX_REPORT)));
        }
      }
      case "text/plain" -> append(text, text(part));
      case "text/html" -> append(html, text(part));
      default -> {
        // attachments, images, calendar parts: nothing a bounce needs
      }
    }
  }

  private static void append(StringBuilder into, String more) {
    if (into.length() < MAX_TEXT) {
      into.append(more, 0, Math.min(more.length(), MAX_TEXT - into.length())).append('\n');
    }
  }

  static String baseType(Part part) {
    try {
      String header = part.getContentType();
      return header == null ? "text/plain" : new ContentType(header).getBaseType().toLowerCase(Locale.ROOT);
    } catch (MessagingException e) {
      // RFC 2045: a Content-Type that cannot be parsed means text/plain.
      return "text/plain";
    }
  }

  static String parameter(Part part, String name) {
    try {
      String header = part.getContentType();
      String value = header == null ? null : new ContentType(header).getParameter(name);
      return value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
    } catch (MessagingException e) {
      return "";
    }
  }

  private static String text(Part part) throws MessagingException, IOException {
    try {
      if (part.getContent() instanceof String s) {
        return s;
      }
    } catch (IOException | MessagingException e) {
      // an unknown charset or a broken transfer encoding: fall back to the bytes as Latin-1
    }
    return new String(bytes(part, MAX_TEXT), StandardCharsets.ISO_8859_1);
  }

  private static byte[] bytes(Part part, int limit) throws MessagingException, IOException {
    try (InputStream in = part.getInputStream()) {
      return in.readNBytes(limit);
    }
  }
}
