package org.dripline.archive;

import java.io.StringWriter;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * An Atom 1.0 feed (RFC 4287) written with StAX, so every title and every issue's HTML is escaped by the XML
 * writer and never by hand. Each entry has the elements the RFC requires (id, title, updated, an author through
 * the feed's), an alternate link to its archive page and its HTML as {@code content type="html"}.
 */
final class AtomFeed {

  static final String NAMESPACE = "http://www.w3.org/2005/Atom";
  static final String MEDIA_TYPE = "application/atom+xml";

  /** One issue: {@code url} is both its permanent id and its alternate link. */
  record Entry(String url, String title, Instant updated, String author, String summary, String html) {
  }

  private AtomFeed() {
  }

  /** An empty archive has no issue to date it by: the epoch, so the feed stays byte-for-byte stable. */
  static String write(String title, String archiveUrl, String selfUrl, List<Entry> entries) {
    Instant updated = entries.stream().map(Entry::updated).max(Instant::compareTo).orElse(Instant.EPOCH);
    StringWriter out = new StringWriter();
    try {
      XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
      xml.writeStartDocument("UTF-8", "1.0");
      xml.writeStartElement("feed");
      xml.writeDefaultNamespace(NAMESPACE);
      text(xml, "id", archiveUrl);
      text(xml, "title", title);
      text(xml, "updated", date(updated));
      link(xml, "self", MEDIA_TYPE, selfUrl);
      link(xml, "alternate", "text/html", archiveUrl);
      // The feed's author stands for every entry without one (RFC 4287 4.1.1), so an empty feed is valid too.
      xml.writeStartElement("author");
      text(xml, "name", title);
      xml.writeEndElement();
      text(xml, "generator", "Dripline");
      for (Entry entry : entries) {
        xml.writeStartElement("entry");
        text(xml, "id", entry.url());
        text(xml, "title", entry.title());
        text(xml, "updated", date(entry.updated()));
        text(xml, "published", date(entry.updated()));
        if (entry.author() != null && !entry.author().isBlank()) {
          xml.writeStartElement("author");
          text(xml, "name", entry.author());
          xml.writeEndElement();
        }
        link(xml, "alternate", "text/html", entry.url());
        if (entry.summary() != null && !entry.summary().isBlank()) {
          text(xml, "summary", entry.summary());
        }
        xml.writeStartElement("content");
        xml.writeAttribute("type", "html");
        xml.writeCharacters(xmlSafe(entry.html()));
        xml.writeEndElement();
        xml.writeEndElement();
      }
      xml.writeEndElement();
      xml.writeEndDocument();
      xml.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("cannot write the Atom feed", e);
    }
    return out.toString();
  }

  private static void text(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
    xml.writeStartElement(name);
    xml.writeCharacters(xmlSafe(value));
    xml.writeEndElement();
  }

  private static void link(XMLStreamWriter xml, String rel, String type, String href) throws XMLStreamException {
    xml.writeEmptyElement("link");
    xml.writeAttribute("rel", rel);
    xml.writeAttribute("type", type);
    xml.writeAttribute("href", href);
  }

  /** RFC 3339 in UTC, whole seconds: what every feed reader parses. */
  static String date(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }

  /**
   * XML 1.0 cannot carry most control characters even escaped; StAX writes them through as they are, which
   * would make the whole feed unreadable. A template's or a subject's stray control character is dropped.
   */
  static String xmlSafe(String value) {
    if (value == null) {
      return "";
    }
    StringBuilder safe = new StringBuilder(value.length());
    value.codePoints().forEach(c -> {
      boolean allowed = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
          || (c >= 0x10000 && c <= 0x10FFFF);
      if (allowed) {
        safe.appendCodePoint(c);
      }
    });
    return safe.toString();
  }
}
