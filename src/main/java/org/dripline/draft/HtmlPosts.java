package org.dripline.draft;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.dripline.draft.Post.Block;
import org.dripline.draft.Post.Kind;
import org.dripline.draft.PostOutline.Element;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * An HTML post, parsed by jsoup (a saved page or a fragment): the {@code <article>} or {@code <main>}
 * when there is one, else the body. {@code <h1>}–{@code <h3>} split it, deeper headings stay
 * sub-headings; paragraphs, lists and quotes are read as text (the draft's templates escape it
 * again); navigation, scripts, forms, figures and images are left out. The post's address is its
 * canonical link or {@code og:url} when absolute https.
 */
final class HtmlPosts {

  private static final Set<String> SKIPPED = Set.of("script", "style", "nav", "footer", "aside", "form", "noscript",
      "template", "svg", "figure", "img", "picture", "video", "audio", "iframe", "button", "select", "input",
      "textarea", "object", "embed", "canvas", "map", "head", "title", "meta", "link");
  private static final Set<String> CONTAINERS = Set.of("div", "section", "article", "main", "header", "body",
      "center", "details", "dl", "dd", "dt", "hgroup", "address", "html");

  private final List<Element> elements = new ArrayList<>();
  private final StringBuilder loose = new StringBuilder();

  private HtmlPosts() {
  }

  static Post read(String html, String url) {
    Document document = Jsoup.parse(html);
    org.jsoup.nodes.Element root = document.selectFirst("article");
    if (root == null) {
      root = document.selectFirst("main");
    }
    if (root == null) {
      root = document.body();
    }
    HtmlPosts reader = new HtmlPosts();
    reader.walk(root);
    reader.flushLoose();
    String title = document.title().isBlank() ? null : document.title().strip();
    return PostOutline.outline(title, url != null ? url : canonical(document), reader.elements, 3, false);
  }

  private static String canonical(Document document) {
    for (String query : List.of("link[rel=canonical]", "meta[property=og:url]")) {
      org.jsoup.nodes.Element element = document.selectFirst(query);
      if (element != null) {
        String value = (element.hasAttr("href") ? element.attr("href") : element.attr("content")).strip();
        if (value.startsWith("https://")) {
          return value;
        }
      }
    }
    return null;
  }

  private void walk(org.jsoup.nodes.Element parent) {
    for (Node node : parent.childNodes()) {
      if (node instanceof TextNode text) {
        loose.append(text.text());
        continue;
      }
      if (!(node instanceof org.jsoup.nodes.Element element)) {
        continue;
      }
      String tag = element.normalName().toLowerCase(Locale.ROOT);
      if (SKIPPED.contains(tag)) {
        continue;
      }
      if (tag.matches("h[1-6]")) {
        flushLoose();
        elements.add(Element.heading(tag.charAt(1) - '0', element.text().strip()));
      } else if (tag.equals("p") || tag.equals("pre")) {
        flushLoose();
        add(Kind.PARAGRAPH, List.of(element.text()));
      } else if (tag.equals("ul") || tag.equals("ol")) {
        flushLoose();
        List<String> items = new ArrayList<>();
        collectItems(element, items);
        add(Kind.LIST, items);
      } else if (tag.equals("blockquote")) {
        flushLoose();
        add(Kind.QUOTE, List.of(element.text()));
      } else if (tag.equals("table")) {
        flushLoose();
        element.select("tr").forEach(row -> add(Kind.PARAGRAPH, List.of(row.text())));
      } else if (tag.equals("br") || tag.equals("hr")) {
        flushLoose();
      } else if (CONTAINERS.contains(tag)) {
        flushLoose();
        walk(element);
        flushLoose();
      } else {
        loose.append(element.text());
      }
    }
  }

  /** Each item's own text, then the items of a list nested in it. */
  private static void collectItems(org.jsoup.nodes.Element list, List<String> items) {
    for (org.jsoup.nodes.Element item : list.children()) {
      if (!item.normalName().equals("li")) {
        continue;
      }
      org.jsoup.nodes.Element own = item.clone();
      own.select("ul, ol").remove();
      items.add(own.text());
      for (org.jsoup.nodes.Element nested : item.select("> ul, > ol")) {
        collectItems(nested, items);
      }
    }
  }

  private void flushLoose() {
    if (!loose.toString().isBlank()) {
      add(Kind.PARAGRAPH, List.of(loose.toString()));
    }
    loose.setLength(0);
  }

  private void add(Kind kind, List<String> texts) {
    List<String> clean = texts.stream().map(t -> t.replaceAll("\\s+", " ").strip()).filter(t -> !t.isEmpty()).toList();
    if (!clean.isEmpty()) {
      elements.add(Element.block(new Block(kind, clean)));
    }
  }
}
