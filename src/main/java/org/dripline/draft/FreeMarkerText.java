package org.dripline.draft;

/**
 * A post's text put into FreeMarker so that it prints as written: nothing in it can become a
 * directive or an interpolation ({@code ${…}}, {@code <#…>}, {@code <@…>}), and in HTML templates
 * the auto-escaping, not this class, escapes it for HTML.
 */
final class FreeMarkerText {

  private FreeMarkerText() {
  }

  /**
   * Template text (a {@code .txt.ftl} line, a subject, a preheader) that prints {@code text}: the
   * openings FreeMarker would read as its own ({@code ${}, {@code #{}, {@code <#}, {@code </#},
   * {@code <@}, {@code </@}) have their second character printed by an interpolation instead.
   */
  static String text(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
      char after = i + 2 < text.length() ? text.charAt(i + 2) : 0;
      if ((c == '$' || c == '#') && next == '{') {
        out.append("${'").append(c).append("'}");
      } else if (c == '<' && (next == '#' || next == '@')) {
        out.append("<${'").append(next).append("'}");
        i++;
      } else if (c == '<' && next == '/' && (after == '#' || after == '@')) {
        out.append("</${'").append(after).append("'}");
        i += 2;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * An interpolation of {@code text} as a string literal, {@code ${r"…"}}: in an {@code .ftlh}
   * template its output is HTML-escaped by FreeMarker. A raw literal when one of the quotes is free,
   * otherwise an ordinary one with {@code \\}, {@code \"} and {@code \{} escaped.
   */
  static String interpolation(String text) {
    if (text.indexOf('"') < 0) {
      return "${r\"" + text + "\"}";
    }
    if (text.indexOf('\'') < 0) {
      return "${r'" + text + "'}";
    }
    return "${\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("{", "\\{") + "\"}";
  }
}
