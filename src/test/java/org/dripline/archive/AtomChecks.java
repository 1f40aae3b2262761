package org.dripline.archive;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The rules of RFC 4287 a feed must keep (no validator library is at hand): checked with a namespace-aware XML
 * parser, so a feed that is not well-formed fails before any rule is looked at.
 */
final class AtomChecks {

  private AtomChecks() {
  }

  static Document parse(String xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  /** Every broken rule, empty for a valid feed. */
  static List<String> problems(Document document) {
    List<String> problems = new ArrayList<>();
    Element feed = document.getDocumentElement();
    if (!"feed".equals(feed.getLocalName()) || !AtomFeed.NAMESPACE.equals(feed.getNamespaceURI())) {
      problems.add("the root is not atom:feed");
      return problems;
    }
    exactlyOne(feed, "id", problems);
    exactlyOne(feed, "title", problems);
    exactlyOne(feed, "updated", problems);
    iri(feed, problems);
    date(feed, problems);
    List<Element> links = children(feed, "link");
    if (links.stream().noneMatch(link -> "self".equals(link.getAttribute("rel")) && !link.getAttribute("href").isEmpty())) {
      problems.add("feed: no link rel=self (RFC 4287 4.1.1 SHOULD)");
    }
    boolean feedAuthor = !children(feed, "author").isEmpty();
    for (Element entry : entries(document)) {
      String at = "entry " + text(entry, "id");
      exactlyOne(entry, "id", problems);
      exactlyOne(entry, "title", problems);
      exactlyOne(entry, "updated", problems);
      iri(entry, problems);
      date(entry, problems);
      if (!feedAuthor && children(entry, "author").isEmpty()) {
        problems.add(at + ": no author, and the feed has none (RFC 4287 4.1.1)");
      }
      for (Element author : children(entry, "author")) {
        exactlyOne(author, "name", problems);
      }
      List<Element> content = children(entry, "content");
      boolean alternate = children(entry, "link").stream()
          .anyMatch(link -> "alternate".equals(link.getAttribute("rel")) && !link.getAttribute("href").isEmpty());
      if (content.isEmpty() && !alternate) {
        problems.add(at + ": neither content nor an alternate link (RFC 4287 4.1.2)");
      }
      if (content.size() > 1) {
        problems.add(at + ": more than one content");
      }
      content.forEach(c -> {
        if (!Set.of("text", "html", "xhtml", "").contains(c.getAttribute("type"))) {
          problems.add(at + ": content type " + c.getAttribute("type"));
        }
      });
    }
    for (Element author : children(feed, "author")) {
      exactlyOne(author, "name", problems);
    }
    return problems;
  }

  static List<Element> entries(Document document) {
    return children(document.getDocumentElement(), "entry");
  }

  static String text(Element parent, String name) {
    List<Element> found = children(parent, name);
    return found.isEmpty() ? null : found.get(0).getTextContent();
  }

  static List<Element> children(Element parent, String name) {
    List<Element> found = new ArrayList<>();
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      Node node = nodes.item(i);
      if (node instanceof Element element && name.equals(element.getLocalName())
          && AtomFeed.NAMESPACE.equals(element.getNamespaceURI())) {
        found.add(element);
      }
    }
    return found;
  }

  private static void exactlyOne(Element parent, String name, List<String> problems) {
    int count = children(parent, name).size();
    if (count != 1) {
      problems.add(parent.getLocalName() + ": " + count + " " + name + " elements, RFC 4287 requires exactly one");
    }
  }

  /** atom:id is an absolute IRI (RFC 4287 4.2.6). */
  private static void iri(Element parent, List<String> problems) {
    String id = text(parent, "id");
    try {
      if (id == null || !java.net.URI.create(id.strip()).isAbsolute()) {
        problems.add(parent.getLocalName() + ": id '" + id + "' is not an absolute IRI");
      }
    } catch (IllegalArgumentException e) {
      problems.add(parent.getLocalName() + ": id '" + id + "' is not an IRI");
    }
  }

  /** atom:updated is an RFC 3339 date-time with a time zone (RFC 4287 3.3). */
  private static void date(Element parent, List<String> problems) {
    String updated = text(parent, "updated");
    try {
      java.time.OffsetDateTime.parse(updated == null ? "" : updated.strip());
    } catch (java.time.format.DateTimeParseException e) {
      problems.add(parent.getLocalName() + ": updated '" + updated + "' is not an RFC 3339 date-time");
    }
  }
}
