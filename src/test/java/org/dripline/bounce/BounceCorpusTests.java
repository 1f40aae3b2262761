package org.dripline.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.dripline.bounce.BounceReport.Kind;
import org.junit.jupiter.api.Test;

/**
 * The parser on the whole corpus (src/test/resources/bounces/corpus.csv): bounces and complaints
 * shaped like those of many MTAs and providers, each with the kind, reason and recipient a careful
 * reader finds in it. Prints precision and recall per kind, so a rule change shows what it costs.
 */
class BounceCorpusTests {

  private record Expected(String file, String source, Kind kind, BounceReason reason, String recipient) {
  }

  private record Outcome(Expected expected, BounceReport actual) {
  }

  private final BounceParser parser = new BounceParser();

  @Test
  void theCorpusIsReadWithTheRightRecipientAndReasonAndEveryKindIsPreciseAndComplete() throws IOException {
    // given the corpus, at least 25 MTAs and providers
    List<Expected> corpus = corpus();
    assertThat(corpus.stream().map(e -> e.source().replaceAll("\\s*\\(.*\\)", "")).distinct().count())
        .isGreaterThanOrEqualTo(25);

    // when every message is parsed
    List<Outcome> outcomes = new ArrayList<>();
    for (Expected expected : corpus) {
      outcomes.add(new Outcome(expected, parser.process(BounceParserTests.fixture(expected.file()))));
    }

    // then recipients and reasons are read right, printed with precision and recall per kind
    StringBuilder printed = new StringBuilder("bounce corpus: " + outcomes.size() + " messages\n");
    for (Kind kind : Kind.values()) {
      long truePositive = outcomes.stream().filter(o -> o.expected().kind() == kind && o.actual().kind() == kind).count();
      long predicted = outcomes.stream().filter(o -> o.actual().kind() == kind).count();
      long actual = outcomes.stream().filter(o -> o.expected().kind() == kind).count();
      printed.append(String.format(Locale.ROOT, "  %-12s n=%2d precision=%5.1f%% recall=%5.1f%%%n", kind, actual,
          percent(truePositive, predicted), percent(truePositive, actual)));
    }
    List<Outcome> withRecipient = outcomes.stream().filter(o -> o.expected().recipient() != null).toList();
    List<Outcome> withReason = outcomes.stream().filter(o -> o.expected().reason() != null).toList();
    long rightRecipient = withRecipient.stream()
        .filter(o -> Objects.equals(o.expected().recipient(), o.actual().recipient())).count();
    long rightReason = withReason.stream().filter(o -> o.expected().reason() == o.actual().reason()).count();
    double recipientAccuracy = percent(rightRecipient, withRecipient.size());
    double reasonAccuracy = percent(rightReason, withReason.size());
    printed.append(String.format(Locale.ROOT, "  recipient accuracy %.1f%% (%d/%d), reason accuracy %.1f%% (%d/%d)%n",
        recipientAccuracy, rightRecipient, withRecipient.size(), reasonAccuracy, rightReason, withReason.size()));
    for (Outcome o : outcomes) {
      Expected e = o.expected();
      BounceReport a = o.actual();
      if (e.kind() != a.kind() || e.reason() != a.reason() || !Objects.equals(e.recipient(), a.recipient())) {
        printed.append("  MISS ").append(e.file()).append(": expected ").append(e.kind()).append(' ').append(e.reason())
            .append(' ').append(e.recipient()).append(", got ").append(a.kind()).append(' ').append(a.reason())
            .append(' ').append(a.recipient()).append(" (").append(a.detail()).append(")\n");
      }
    }
    System.out.print(printed);
    assertThat(recipientAccuracy).as(printed.toString()).isGreaterThanOrEqualTo(95.0);
    assertThat(reasonAccuracy).as(printed.toString()).isGreaterThanOrEqualTo(90.0);
  }

  private static double percent(long part, long whole) {
    return whole == 0 ? 100.0 : 100.0 * part / whole;
  }

  private static List<Expected> corpus() throws IOException {
    List<Expected> corpus = new ArrayList<>();
    try (InputStream in = BounceCorpusTests.class.getResourceAsStream("/bounces/corpus.csv");
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\\s*,\\s*");
        corpus.add(new Expected(f[0].strip(), f[1], Kind.valueOf(f[2]), "-".equals(f[3]) ? null : BounceReason.valueOf(f[3]),
            "-".equals(f[4].strip()) ? null : f[4].strip()));
      }
    }
    return corpus;
  }
}
