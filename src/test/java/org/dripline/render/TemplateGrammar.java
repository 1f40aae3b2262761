package org.dripline.render;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Random small FreeMarker templates built from the constructs a template bomb or an injection is
 * made of: recursion (direct, mutual, through #nested and #include), ?interpret/?eval, strings and
 * sequences that double, pads and ranges of literal or computed size, nested and data-named
 * includes, data used as settings, JSON or number formats, all mixed with ordinary output of
 * subscriber data and wrapped in #attempt, #if, #list or a macro. Deterministic for a given
 * {@link Random}.
 */
final class TemplateGrammar {

  /** One case: the step's HTML and text bodies, its subject, and the part files they include. */
  record Case(String html, String text, String subject, Map<String, String> parts) {
  }

  private final Random random;
  private final String prefix;
  private final Map<String, String> parts = new LinkedHashMap<>();

  private TemplateGrammar(Random random, String prefix) {
    this.random = random;
    this.prefix = prefix;
  }

  /** A case whose part files are named {@code parts/<prefix>-<n>}, so no two cases share a file. */
  static Case generate(Random random, String prefix) {
    TemplateGrammar grammar = new TemplateGrammar(random, prefix);
    String html = grammar.template(2);
    String text = random.nextInt(4) == 0 ? grammar.template(1) : "Hi ${subscriber.firstName}, ${subscriber.attributes.city!'there'}";
    String subject = grammar.subject();
    return new Case(html, text, subject, grammar.parts);
  }

  private String template(int depth) {
    StringBuilder out = new StringBuilder();
    if (random.nextInt(4) == 0) {
      out.append("<#import \"/layouts/components.ftlh\" as c>");
    }
    int fragments = 1 + random.nextInt(4);
    for (int i = 0; i < fragments; i++) {
      out.append(wrap(fragment(depth))).append(random.nextBoolean() ? "\n" : "");
    }
    return out.toString();
  }

  private String wrap(String fragment) {
    return switch (random.nextInt(9)) {
      case 0 -> "<#attempt>" + fragment + "<#recover>recovered</#attempt>";
      case 1 -> "<#if subscriber.firstName?has_content>" + fragment + "<#else>none</#if>";
      case 2 -> "<#list 1.." + (1 + random.nextInt(3)) + " as i>" + fragment + "</#list>";
      case 3 -> "<#macro w" + random.nextInt(1000) + ">" + fragment + "</#macro>";
      case 4 -> "<#compress>" + fragment + "</#compress>";
      case 5 -> "<#noautoesc>" + fragment + "</#noautoesc>";
      default -> fragment;
    };
  }

  private String fragment(int depth) {
    return switch (random.nextInt(12)) {
      case 0, 1, 2 -> data();
      case 3 -> recursion();
      case 4 -> growth();
      case 5 -> size();
      case 6 -> code();
      case 7 -> depth > 0 ? include(depth) : data();
      case 8 -> dataAsCode();
      case 9 -> "<@c.greeting/>".replace("c.", random.nextBoolean() ? "c." : "nope.");
      default -> "<p>" + WireCheck.utf8(HostileInput.value(random)).replace("<", "&lt;").replace("$", "&#36;").replace("#", "&#35;")
          .replace("[", "&#91;") + "</p>";
    };
  }

  /** Subscriber data printed in the ways templates print it. */
  private String data() {
    String[] values = {"subscriber.firstName", "subscriber.email", "subscriber.timezone", "(subscriber.attributes.city!'')",
        "(subscriber.attributes.n!'7')", "(subscriber.tags?join(', '))", "campaign.name", "links.unsubscribe"};
    String value = HostileInput.pick(random, values);
    String[] forms = {"${V}", "${V?upper_case}", "${V?cap_first}", "${V?url}", "${V?js_string}", "${V?length}",
        "${V?no_esc}", "${V?replace('a', 'aa')}", "${V?split(' ')?join('|')}", "${V?right_pad(12, '.')}",
        "<#list subscriber.attributes as k, v>${k}=${v};</#list>", "<#list subscriber.tags as t>[${t}]</#list>",
        "${V?truncate(20)}", "${V?word_list?size}", "${V?matches('.*x.*', 's')?c}", "<a href=\"${V}\">x</a>",
        "${V?keep_before('@')}", "${V?chop_linebreak}", "${V?trim?has_content?c}"};
    return HostileInput.pick(random, forms).replace("V", value);
  }

  private String recursion() {
    String[] forms = {"<#macro r n><@r n+1/></#macro><@r 0/>", "<#macro r><@r/></#macro><@r/>",
        "<#macro a><@b/></#macro><#macro b><@a/></#macro><@a/>", "<#function f n><#return f(n+1)></#function>${f(0)}",
        "<#macro m><@m><#nested></@m></#macro><@m/>", "<#macro r n><#if n lt 40><@r n+1/></#if></#macro><@r 0/>",
        "<#function f n><#if n lte 0><#return 0></#if><#return f(n-1)+1></#function>${f(30)}",
        "<#macro r n><#attempt><@r n+1/><#recover>caught</#attempt></#macro><@r 0/>",
        "<#function f n><#return [f(n+1)]></#function>${f(0)?size}"};
    return HostileInput.pick(random, forms);
  }

  /** Strings and sequences that double, sized by a literal or by data. */
  private String growth() {
    int steps = 1 + random.nextInt(60);
    String[] forms = {"<#assign s=\"x\"><#list 1..N as i><#assign s=s+s></#list>${s?length}",
        "<#assign s=\"ab\"><#list 1..N as i><#assign s=s+s+s></#list>${s?substring(0, 1)}",
        "<#assign l=[1]><#list 1..N as i><#assign l=l+l></#list>${l?size}",
        "<#assign l=[1]><#list 1..N as i><#assign l=l+l></#list><#list l as x><#if x lt 0>n</#if></#list>",
        "<#assign s=subscriber.firstName><#list 1..N as i><#assign s=s+s></#list>${s?length}",
        "<#assign h={}><#list 1..N as i><#assign h=h+{\"k\"+i: i}></#list>${h?size}"};
    return HostileInput.pick(random, forms).replace("N", Integer.toString(steps));
  }

  /** Pads and ranges: literal sizes around the cap, and sizes computed from data the bounds check cannot see. */
  private String size() {
    long[] sizes = {0, 5, 1000, 99_999, 100_001, 1_000_000, 2_000_000_000L, 99_999_999_999L};
    long n = sizes[random.nextInt(sizes.length)];
    String[] forms = {"${\"\"?left_pad(N)?length}", "${\"x\"?right_pad(N, \"ab\")?length}", "${(1..N)?size}",
        "<#list 1..N as i><#if i lt 0>n</#if></#list>", "<#list 1..N as i>${i}</#list>",
        "${\"\"?left_pad(N/1)?length}", "${\"x\"?left_pad(subscriber.firstName?length * 1000)?length}",
        "<#assign m=N>${(1..m)?size}", "<#assign m=1>${(m..3)?join(',')}", "${(1..*3)?join(',')}",
        "<#list 1.. as i><#if i gt N>\n<#break></#if></#list>"};
    String form = HostileInput.pick(random, forms);
    return form.replace("N", Long.toString(n));
  }

  /** Text turned into template code, spelled the ways the bounds check must recognise. */
  private String code() {
    String[] forms = {"${subscriber.firstName?interpret}", "<@subscriber.firstName?interpret/>", "${\"1+1\"?eval}",
        "${\"1+1\"? eval}", "<#assign t=subscriber.firstName?interpret><@t/>", "${subscriber.attributes.n?eval_json!}",
        "${('[1,2]'?eval_json)?size}", "<#include subscriber.firstName>", "<#include \"/\" + (subscriber.attributes.city!'x')>",
        "<#assign t=.get_optional_template(subscriber.firstName)>${t.exists?c}", "<#import subscriber.email as q>",
        "${\"freemarker.template.utility.Execute\"?new()}", "${subscriber?api}", "<#stop \"stopped\">", "<#return>"};
    return HostileInput.pick(random, forms);
  }

  /** Data used where code goes: formats, locales, JSON, numbers, dates. */
  private String dataAsCode() {
    String[] forms = {"<#setting locale=subscriber.firstName>${1234.5}", "<#setting number_format=subscriber.firstName>${1234.5}",
        "<#setting time_zone=subscriber.timezone>${.now?time}", "${(subscriber.attributes.n!'0')?number}",
        "${(subscriber.attributes.n!'0')?number?string(subscriber.firstName)}", "${subscriber.firstName?date('yyyy')}",
        "${(subscriber.attributes.city!'[1]')?eval_json?size}", "${subscriber.firstName?string(\"yes\", \"no\")}"};
    return HostileInput.pick(random, forms);
  }

  /** A part file with its own random content, possibly including itself or the next level down. */
  private String include(int depth) {
    String name = "parts/" + prefix + "-" + parts.size() + (random.nextBoolean() ? ".ftlh" : ".ftl");
    parts.put(name, "");
    String content = random.nextInt(6) == 0 ? "<#include \"/attack/" + name + "\">" : template(depth - 1);
    parts.put(name, content);
    return random.nextBoolean() ? "<#include \"/attack/" + name + "\">" : "<#import \"/attack/" + name + "\" as p>";
  }

  /** Subjects are templates too: data, pads and the odd bomb, on one line. */
  private String subject() {
    String[] forms = {"Hi ${subscriber.firstName}", "${subscriber.attributes.city!''} ${subscriber.firstName}",
        "<#list subscriber.tags as t>${t} </#list>", "${subscriber.firstName?right_pad(80, '=?')}",
        "${subscriber.firstName?no_esc}${subscriber.email}", "<#macro r><@r/></#macro><@r/>", "${subscriber.firstName?interpret}",
        "=?utf-8?b?RXZlDQpCY2M6IGJjYy1ld2JAZXZpbC50ZXN0?= ${subscriber.timezone}", "${\"\"?left_pad(200)}x",
        "${subscriber.firstName?j_string}\\r\\nBcc: evil@attacker.example"};
    return HostileInput.pick(random, forms);
  }
}
