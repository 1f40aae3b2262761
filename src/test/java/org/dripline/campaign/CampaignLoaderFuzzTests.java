package org.dripline.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thousands of mutated campaign files (byte flips, truncations, duplicated, removed and swapped
 * lines, YAML tokens in odd places, deep nesting, alias bombs, huge scalars, odd tags) through
 * {@link CampaignLoader#load(Path)}: the only outcomes allowed are a Campaign or an
 * InvalidCampaignException. The seed is fixed, so a failure reproduces. How long the slowest case
 * takes is printed, not asserted: its target (under a second) is a benchmark, bench/loader-fuzz.sh.
 */
class CampaignLoaderFuzzTests {

  static final long SEED = 20261201L;
  static final int CASES = 5000;

  /** A seed using every section the loader knows: sender, audience rules, schedule, step conditions. */
  static final String RICH_CAMPAIGN = """
      id: fuzz
      name: "Fuzz series"
      from: { name: "Maya", address: "stories@dripline.example" }
      reply_to: "hello@dripline.example"
      postal_address: "Dripline, 100 Example Avenue"
      language: en
      layout: default
      audience:
        all:
          - tag: working-mom
          - { attribute: kids, gte: 2 }
          - any: [ { country: [DE, AT] }, { timezone: [Europe/Berlin] } ]
        none:
          - { subscribed: { within: P30D } }
          - not_opened_last: 3
      schedule:
        timezone: America/New_York
        send_window: { days: [TUE, THU], from: "07:00", to: "09:00" }
      steps:
        - id: welcome
          offset: P0D
          template: fuzz/welcome
          subject: "Hi ${subscriber.firstName}"
          preheader: "First"
        - id: week-1
          offset: P7D
          template: fuzz/week-1
          subject: "Week one"
          when: { clicked: { step: welcome, link: "https://example.com/x" } }
        - id: week-2
          offset: P14D
          template: fuzz/week-2
          subject: "Week two"
          when: { opened: welcome }
      """;

  static final String[] TOKENS = {"&a ", "*a", "!!python/object:os.system ", "!!binary ", "!!float .nan", "!!set ",
      "!!omap ", "!!timestamp ", "!<tag:yaml.org,2002:str> ", "? ", "- ", "{", "}", "[", "]", ": ", "|", ">", "---",
      "...", "%YAML 1.1\n", "%TAG ! tag:x,2000:\n", "<<: *a", "\t", "#", "'", "\"", "\\", "~", "null", "1e309",
      "2026-13-45", "0x1F", "-.inf", "\uFEFF", "\u0000", "\u2028", "\uD83D\uDE00", ",", "@", "`", "%", "!"};

  @TempDir
  Path tmp;

  @Test
  void mutatedCampaignFilesGiveOnlyValidationErrors() throws IOException {
    // given seeds (the shipped campaign, a rich one) and a fixed random mutation sequence
    List<String> seeds = List.of(RICH_CAMPAIGN.replace("id: fuzz", "id: case"),
        Files.readString(Path.of("campaigns/working-mom-guilt.yaml")).replace("id: working-mom-guilt", "id: case"));
    Random random = new Random(SEED);
    List<BiFunction<byte[], Random, byte[]>> mutators = mutators();
    long slowest = 0;
    String slowestCase = "";
    int valid = 0;
    int invalid = 0;
    List<String> unexpected = new ArrayList<>();

    for (int i = 0; i < CASES; i++) {
      byte[] bytes = seeds.get(random.nextInt(seeds.size())).getBytes(StandardCharsets.UTF_8);
      int rounds = 1 + random.nextInt(3);
      StringBuilder how = new StringBuilder();
      for (int r = 0; r < rounds; r++) {
        int m = random.nextInt(mutators.size());
        how.append(m).append(' ');
        bytes = mutators.get(m).apply(bytes, random);
      }
      Path file = tmp.resolve("case.yaml");
      Files.write(file, bytes);

      // when it is loaded
      long started = System.nanoTime();
      try {
        new CampaignLoader().load(file);
        valid++;
      } catch (InvalidCampaignException e) {
        invalid++;
        assertThat(e.problems()).as("case %d (mutators %s)", i, how).isNotEmpty();
      } catch (Throwable e) {
        unexpected.add("case " + i + " (mutators " + how + "): " + e);
        Files.write(tmp.resolve("unexpected-" + i + ".yaml"), bytes);
      }
      long millis = (System.nanoTime() - started) / 1_000_000;
      if (millis > 300) {
        Path slow = Files.createDirectories(Path.of("target", "fuzz-slow"));
        Files.write(slow.resolve("case-" + i + "-" + millis + "ms.yaml"), bytes);
      }
      if (millis > slowest) {
        slowest = millis;
        slowestCase = "case " + i + " (mutators " + how + ", " + bytes.length + " bytes)";
      }
    }

    // then nothing but typed validation errors (cases over 300 ms are kept under target/fuzz-slow)
    System.out.printf("campaign fuzz: %d cases, %d valid, %d invalid, slowest %d ms (%s)%n", CASES, valid, invalid,
        slowest, slowestCase);
    assertThat(unexpected).isEmpty();
    assertThat(invalid).isGreaterThan(CASES / 2);
  }

  static List<BiFunction<byte[], Random, byte[]>> mutators() {
    List<BiFunction<byte[], Random, byte[]>> list = new ArrayList<>();
    // 0: flip a few bytes to anything (invalid UTF-8 included)
    list.add((b, r) -> {
      byte[] copy = b.clone();
      for (int n = 1 + r.nextInt(5); n > 0 && copy.length > 0; n--) {
        copy[r.nextInt(copy.length)] = (byte) r.nextInt(256);
      }
      return copy;
    });
    // 1: truncate anywhere
    list.add((b, r) -> java.util.Arrays.copyOf(b, b.length == 0 ? 0 : r.nextInt(b.length)));
    // 2: duplicate a line, 3: remove a line, 4: swap two lines, 5: re-indent a line
    list.add((b, r) -> lines(b, r, (lines, i) -> lines.add(i, lines.get(i))));
    list.add((b, r) -> lines(b, r, (lines, i) -> lines.remove(i)));
    list.add((b, r) -> lines(b, r, (lines, i) -> java.util.Collections.swap(lines, i, r.nextInt(lines.size()))));
    list.add((b, r) -> lines(b, r, (lines, i) -> lines.set(i, " ".repeat(r.nextInt(9)) + lines.get(i).strip())));
    // 6: a YAML token inserted at a random place
    list.add((b, r) -> insert(b, r, TOKENS[r.nextInt(TOKENS.length)]));
    // 7: deep nesting, as flow or block collections
    list.add((b, r) -> {
      int depth = 10 + r.nextInt(5000);
      String nest = r.nextBoolean() ? "[".repeat(depth) + "]".repeat(depth)
          : "{a: ".repeat(depth) + "1" + "}".repeat(depth);
      return replaceValue(b, r, nest);
    });
    list.add((b, r) -> {
      StringBuilder rules = new StringBuilder("audience:\n");
      int depth = 5 + r.nextInt(200);
      for (int d = 0; d < depth; d++) {
        rules.append("  ".repeat(d + 1)).append("all:\n").append("  ".repeat(d + 1)).append("  - ");
        rules.append("\n");
      }
      return (new String(b, StandardCharsets.UTF_8).replaceFirst("audience:[^\\n]*", rules.toString().strip()))
          .getBytes(StandardCharsets.UTF_8);
    });
    // 9: alias bombs (billion laughs) and self-referencing anchors
    list.add((b, r) -> {
      String bomb = "\nlol: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
          + "lol2: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nlol3: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
          + "lol4: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\nlol5: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
          + "lol6: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\nlol7: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n";
      return r.nextBoolean() ? concat(b, bomb) : concat(b, "\naudience: &x { all: [ *x ] }\n");
    });
    list.add((b, r) -> concat(b, "\nsteps: &s\n  - id: loop\n    offset: P0D\n    template: t\n    subject: s\n    when: { all: [ *s ] }\n"));
    // 11: huge scalars (under and over the 128 KiB cap), long keys, long numbers
    list.add((b, r) -> replaceValue(b, r, "\"" + "x".repeat(1000 + r.nextInt(200_000)) + "\""));
    list.add((b, r) -> insert(b, r, "\n" + "k".repeat(100_000) + ": v\n"));
    list.add((b, r) -> replaceValue(b, r, "9".repeat(1 + r.nextInt(100_000))));
    // 14: odd but well-formed YAML values in place of a scalar
    list.add((b, r) -> replaceValue(b, r, new String[] {"~", "[]", "{}", "!!binary AAAA", "!!float .nan", "2026-02-30",
        "P99999999999999999D", "PT-1S", "\"\\u0000\"", "-1", "!!set {a, b}", "!!omap [a: 1]", "|\n  multi\n  line",
        "yes", "0o777", "\"\\uD800\"", "'   '", "!!int 0x7FFFFFFFFFFFFFFFFF"}[r.nextInt(18)]));
    return list;
  }

  interface LineEdit {
    void apply(List<String> lines, int index);
  }

  static byte[] lines(byte[] bytes, Random random, LineEdit edit) {
    List<String> lines = new ArrayList<>(List.of(new String(bytes, StandardCharsets.UTF_8).split("\n", -1)));
    if (lines.isEmpty()) {
      return bytes;
    }
    edit.apply(lines, random.nextInt(lines.size()));
    return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
  }

  static byte[] insert(byte[] bytes, Random random, String token) {
    int at = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
    byte[] insert = token.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[bytes.length + insert.length];
    System.arraycopy(bytes, 0, out, 0, at);
    System.arraycopy(insert, 0, out, at, insert.length);
    System.arraycopy(bytes, at, out, at + insert.length, bytes.length - at);
    return out;
  }

  /** Replaces the value after one "key: " with the given text. */
  static byte[] replaceValue(byte[] bytes, Random random, String value) {
    return lines(bytes, random, (lines, i) -> {
      String line = lines.get(i);
      int colon = line.indexOf(": ");
      lines.set(i, colon < 0 ? line + " " + value : line.substring(0, colon + 2) + value);
    });
  }

  static byte[] concat(byte[] bytes, String more) {
    return (new String(bytes, StandardCharsets.UTF_8) + more).getBytes(StandardCharsets.UTF_8);
  }
}
