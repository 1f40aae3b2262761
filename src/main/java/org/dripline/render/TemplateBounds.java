package org.dripline.render;

import freemarker.core.Macro;
import freemarker.core.ParseException;
import freemarker.core.TemplateElement;
import freemarker.template.Template;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a template may not contain, checked on the parsed template every time the engine hands one
 * out (so for included and imported files too, not only at {@code validate}): text turned into
 * template code ({@code ?interpret}, {@code ?eval}), and sizes no email needs that would make one
 * built-in allocate gigabytes before any other guard could act (a pad width or a range fed to a
 * built-in beyond the output cap). A refusal is a {@link ParseException} at the offending
 * element's line and column. Sizes computed at render time are bounded by {@link RenderLimits}
 * and by catching the JVM's own limits per template (see TemplateEngine.process).
 */
final class TemplateBounds {

  // ?interpret and ?eval turn text (possibly subscriber data) into template code. ?eval_json only parses JSON.
  private static final Pattern CODE_FROM_TEXT = Pattern.compile("\\?\\s*(interpret|eval)\\b");
  private static final Pattern PAD = Pattern.compile("\\?\\s*(left_pad|right_pad)\\s*\\(\\s*(\\d+)");
  private static final Pattern RANGE = Pattern.compile("(-?\\d+)\\s*\\.\\.([<!*])?\\s*(-?\\d+)?");
  // Possessive throughout: the check runs on long templates, and backtracking over a long word is quadratic.
  // Any range, its bounds literal or computed ("a..2000000000", "(n)..<m"), in code with string literals blanked.
  private static final Pattern ANY_RANGE = Pattern.compile("(?<![\\w)\\]])([\\w)\\]]++)\\s*+\\.\\.([<!*])?\\s*+([\\w(]++)?");
  private static final Pattern LITERAL = Pattern.compile("-?\\d+");
  // Unrolled, possessive: an alternation inside a repetition recurses per character and overflows the stack on long text.
  private static final Pattern STRING_LITERAL =
      Pattern.compile("r?\"[^\"\\\\]*+(?:\\\\.[^\"\\\\]*+)*+\"|r?'[^'\\\\]*+(?:\\\\.[^'\\\\]*+)*+'");
  // An assignment whose value is built from the variable itself: "l = l + l", "s += s" double it every time.
  private static final Pattern ASSIGNMENT = Pattern.compile("(?<![\\w.])(\\w++)\\s*+(\\+=|=(?!=))\\s*+([^,>]*+)");

  static final String CODE_FROM_TEXT_MESSAGE =
      "?interpret and ?eval run text as template code (an injection risk); they are not allowed";

  private TemplateBounds() {
  }

  /** Throws at the first element that breaks a rule; returns normally for a template within bounds. */
  static void check(Template template, int maxSize) throws ParseException {
    TemplateElement root = template.getRootTreeNode();
    if (root == null || violation(root.getCanonicalForm(), maxSize) == null) {
      return;
    }
    Function<String, String> rule = source -> violation(source, maxSize);
    TemplateElement at = offending(root, rule);
    if (at != null) {
      throw new ParseException(rule.apply(own(at)), at);
    }
  }

  /**
   * The first element whose own code (its text minus its children's) breaks the rule. Static text
   * and comments are skipped: an email may well say "?eval" or "1..5000000" as words.
   */
  private static TemplateElement offending(TemplateElement element, Function<String, String> rule) {
    String kind = element.getClass().getSimpleName();
    if ("TextBlock".equals(kind) || "Comment".equals(kind) || rule.apply(element.getCanonicalForm()) == null) {
      return null;
    }
    if (rule.apply(own(element)) != null) {
      return element;
    }
    for (int i = 0; i < element.getChildCount(); i++) {
      TemplateElement found = offending((TemplateElement) element.getChildAt(i), rule);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  /** The element's canonical text with its children's taken out: its own expressions. */
  private static String own(TemplateElement element) {
    String text = element.getCanonicalForm();
    for (int i = 0; i < element.getChildCount(); i++) {
      String child = ((TemplateElement) element.getChildAt(i)).getCanonicalForm();
      int at = child.isEmpty() ? -1 : text.indexOf(child);
      if (at >= 0) {
        text = text.substring(0, at) + " " + text.substring(at + child.length());
      }
    }
    return text;
  }

  /** What is wrong with this canonical template text, or null. */
  static String violation(String source, int maxSize) {
    if (CODE_FROM_TEXT.matcher(source).find()) {
      return CODE_FROM_TEXT_MESSAGE;
    }
    Matcher pad = PAD.matcher(source);
    while (pad.find()) {
      if (tooBig(pad.group(2), maxSize)) {
        return "?" + pad.group(1) + " to " + pad.group(2) + " characters: more than the " + maxSize
            + " characters a template may write (dripline.render.max-output-chars)";
      }
    }
    Matcher range = RANGE.matcher(source);
    while (range.find()) {
      if (listSource(source, range) || slice(source, range)) {
        continue; // #list over a long range is stopped by dripline.render.timeout, step by step; a slice is bounded by its text
      }
      String problem = rangeProblem(range, source, maxSize);
      if (problem != null) {
        return problem;
      }
    }
    String code = STRING_LITERAL.matcher(source).replaceAll("\"\"");
    String computed = computedRange(code);
    return computed != null ? computed : doubling(code);
  }

  /**
   * A range outside #list with a bound computed at render time ({@code (a..2000000000)?join(",")}):
   * its size cannot be checked here, and a built-in runs over it in one call that neither the time
   * limit nor the memory guard can interrupt (they stop a template between steps). Slices
   * ({@code name[0..<n]}) are bounded by what they slice and stay allowed.
   */
  private static String computedRange(String code) {
    Matcher range = ANY_RANGE.matcher(code);
    while (range.find()) {
      boolean literal = LITERAL.matcher(range.group(1)).matches()
          && (range.group(3) == null || LITERAL.matcher(range.group(3)).matches());
      if (literal || slice(code, range) || code.substring(0, range.start()).stripTrailing().endsWith("<#list")) {
        continue;
      }
      return "a range with a computed bound (" + range.group().strip() + ") outside #list: its size cannot be checked, and a"
          + " built-in over it cannot be stopped; loop over it with #list (which the time limit stops) instead";
    }
    return null;
  }

  /**
   * An assignment that builds a variable from itself twice over ({@code <#assign l = l + l>}, {@code s += s}):
   * in a loop it doubles every step. A doubled list is lazy in FreeMarker, so it takes no memory, but
   * {@code ?size}, {@code [0]} or {@code ?join} on it then walk 2^n parts inside one built-in call, which no
   * guard can interrupt (a sending thread would spin for ever). Appending ({@code l += [x]}) is fine.
   */
  private static String doubling(String code) {
    Matcher assignment = ASSIGNMENT.matcher(code);
    while (assignment.find()) {
      String name = assignment.group(1);
      String value = assignment.group(3);
      Matcher uses = Pattern.compile("(?<![\\w.])" + Pattern.quote(name) + "(?!\\w)").matcher(value);
      int count = 0;
      while (uses.find()) {
        count++;
      }
      if (assignment.group(2).equals("+=") ? count >= 1 : count >= 2 && value.contains("+")) {
        return "'" + name + "' is built from itself twice (" + assignment.group().strip() + "): repeated, it doubles"
            + " without bound; build it from parts instead";
      }
    }
    return null;
  }

  private static String rangeProblem(Matcher range, String source, int maxSize) {
    if (range.group(3) == null && computedEnd(source, range.end())) {
      return null; // "1..n": judged by computedRange
    }
    if (range.group(3) == null) {
      return "a range without an end (" + range.group() + ") outside #list: a built-in would run over it without end";
    }
    long from = Long.parseLong(range.group(1));
    long to = Long.parseLong(range.group(3));
    String kind = range.group(2);
    long size = "*".equals(kind) ? to : "<".equals(kind) || "!".equals(kind) ? Math.abs(to - from) : Math.abs(to - from) + 1;
    if (size > maxSize) {
      return "a range of " + size + " numbers (" + range.group() + "): more than the " + maxSize
          + " a template may use outside #list (dripline.render.max-output-chars)";
    }
    return null;
  }

  /** True when an expression (a name, a parenthesis) follows the ".." at {@code at}: the range has an end, computed. */
  private static boolean computedEnd(String source, int at) {
    String after = source.substring(at).stripLeading();
    return !after.isEmpty() && (Character.isLetter(after.charAt(0)) || after.charAt(0) == '(' || after.charAt(0) == '_')
        && !after.startsWith("as ");
  }

  /** True when the range selects part of a string or list ({@code name[1..]}, {@code items[0..<n]}). */
  private static boolean slice(String source, Matcher range) {
    return source.substring(0, range.start()).stripTrailing().endsWith("[");
  }

  /** True when the range is the sequence of a #list, which the time limit interrupts item by item. */
  private static boolean listSource(String source, Matcher range) {
    String before = source.substring(0, range.start()).stripTrailing();
    String after = source.substring(range.end()).stripLeading();
    return before.endsWith("<#list") && (after.startsWith("as ") || after.startsWith(">"));
  }

  private static boolean tooBig(String digits, int max) {
    return digits.length() > 10 || Long.parseLong(digits) > max;
  }

  /**
   * Where a template most likely recursed without end: a macro or function of it that calls
   * itself. Null when none does directly (the problem is then reported at the file).
   */
  static Macro selfCalling(Template template) {
    for (Object value : template.getMacros().values()) {
      if (value instanceof Macro macro) {
        String body = macro.getCanonicalForm();
        int open = body.indexOf('>');
        String inside = open < 0 ? body : body.substring(open + 1);
        Pattern call = Pattern.compile(macro.isFunction()
            ? "(?<![\\w.])" + Pattern.quote(macro.getName()) + "\\s*\\("
            : "<@" + Pattern.quote(macro.getName()) + "(?![\\w.])");
        if (call.matcher(inside).find()) {
          return macro;
        }
      }
    }
    return null;
  }
}
