package org.dripline.bounce;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.dripline.bounce.BounceReport.Kind;
import org.dripline.infra.InvalidInputException;
import org.dripline.tracking.BounceAddresses;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code bounces --file}: classifies saved messages (an .eml, a directory of them, an mbox or a
 * Maildir) with the very parser bounceJob uses, and looks up the delivery each one names without
 * writing anything, so ops can check a mailbox before pointing Dripline at it.
 */
@Component
public class BounceFileCheck {

  private static final java.util.Set<String> MAILDIR_FOLDERS = java.util.Set.of("cur", "new");

  /**
   * One message as bounceJob would read it.
   *
   * @param source     the file, with {@code #n} for the n-th message of an mbox
   * @param kind       HARD_BOUNCE, SOFT_BOUNCE, COMPLAINT, UNSUBSCRIBE or IGNORED
   * @param reason     the bounce reason label (user-unknown, …), or null
   * @param deliveryId the delivery the message matches in the database, or null
   * @param detail     the parser's evidence (why it is this kind)
   */
  public record Checked(String source, String kind, String reason, String recipient, String statusCode, Long deliveryId,
      String detail) {
  }

  private final BounceParser parser = new BounceParser();
  private final DeliveryMatcher matcher;

  public BounceFileCheck(NamedParameterJdbcTemplate jdbc, BounceAddresses bounceAddresses) {
    this(new DeliveryMatcher(jdbc, bounceAddresses));
  }

  @org.springframework.beans.factory.annotation.Autowired
  BounceFileCheck(DeliveryMatcher matcher) {
    this.matcher = matcher;
  }

  /**
   * Classifies every message under the path, in file-name order, handing each to {@code out} as
   * soon as it is read (an mbox can be large).
   *
   * @throws InvalidInputException when the path does not exist or cannot be read
   */
  public void check(Path path, Consumer<Checked> out) {
    if (!Files.exists(path)) {
      throw new InvalidInputException("--file " + path + ": no such file or directory");
    }
    if (!Files.isReadable(path)) {
      throw new InvalidInputException("--file " + path + ": not readable");
    }
    try {
      if (Files.isDirectory(path)) {
        for (Path file : files(path)) {
          String name = path.relativize(file).toString();
          try {
            readFile(file, name, out);
          } catch (IOException e) {
            // one file the directory will not give up is a line saying so, not the end of the check
            out.accept(new Checked(name, Kind.IGNORED.name(), null, null, null, null, "unreadable file: " + e.getMessage()));
          }
        }
      } else {
        readFile(path, path.getFileName().toString(), out);
      }
    } catch (IOException e) {
      throw new InvalidInputException("--file " + path + ": " + e.getMessage());
    }
  }

  /**
   * A Maildir (a directory with cur/) is read from its cur/ and new/ folders only: tmp/ holds
   * messages still being written, and the server's own files (index, uid list) are no messages.
   * Any other directory: every file in it and below, hidden ones aside.
   */
  private static List<Path> files(Path directory) throws IOException {
    boolean maildir = Files.isDirectory(directory.resolve("cur"));
    try (Stream<Path> walk = Files.walk(directory)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .filter(p -> !maildir || MAILDIR_FOLDERS.contains(String.valueOf(p.getParent().getFileName())))
          .sorted(Comparator.comparing(Path::toString)).toList();
    }
  }

  /** An mbox starts with a "From " line; anything else is one message. */
  private void readFile(Path file, String name, Consumer<Checked> out) throws IOException {
    try (InputStream in = Files.newInputStream(file);
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1))) {
      // Latin-1 maps every byte to one char and back, so the message bytes pass through unchanged
      String first = lines.readLine();
      if (first == null) {
        out.accept(classify(name, new byte[0], 1));
        return;
      }
      boolean mbox = first.startsWith("From ");
      StringBuilder message = new StringBuilder();
      if (!mbox) {
        append(message, first);
      }
      int index = 0;
      String line;
      String previous = first;
      while ((line = lines.readLine()) != null) {
        if (mbox && line.startsWith("From ") && previous.isEmpty()) {
          out.accept(classify(name + "#" + (++index), bytes(message), index));
          message.setLength(0);
        } else {
          // mboxrd: one ">" was added in front of every ">*From " line of the body
          append(message, mbox && line.matches(">+From .*") ? line.substring(1) : line);
        }
        previous = line;
      }
      if (!mbox || message.length() > 0 || index == 0) {
        out.accept(classify(mbox ? name + "#" + (++index) : name, bytes(message), Math.max(index, 1)));
      }
    }
  }

  private static void append(StringBuilder message, String line) {
    if (message.length() < ImapMailboxReader.MAX_MESSAGE_BYTES) {
      message.append(line).append("\r\n");
    }
  }

  private static byte[] bytes(StringBuilder message) {
    return message.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private Checked classify(String source, byte[] raw, long index) {
    BounceReport report = parser.process(new MailboxMessage(index, raw, ImapMailboxReader.receivedAt(raw)));
    Long deliveryId = null;
    if (report.kind() != Kind.IGNORED && report.kind() != Kind.UNSUBSCRIBE) {
      try {
        DeliveryMatcher.Match match = matcher.match(report);
        deliveryId = match == null ? null : match.deliveryId();
      } catch (DataAccessException e) {
        // no database to ask (or no ledger yet): the line says "-" for the delivery
      }
    }
    return new Checked(source, report.kind().name(), report.reason() == null ? null : report.reason().label(),
        report.recipient(), report.statusCode(), deliveryId, report.detail());
  }

  /** Counts per kind and per reason, in the order the enums give, for the summary line. */
  public static final class Summary {
    private final Map<Kind, Long> kinds = new EnumMap<>(Kind.class);
    private final Map<BounceReason, Long> reasons = new EnumMap<>(BounceReason.class);
    private long messages;
    private long matched;

    public void add(Checked checked) {
      messages++;
      kinds.merge(Kind.valueOf(checked.kind()), 1L, Long::sum);
      if (checked.reason() != null) {
        reasons.merge(BounceReason.valueOf(checked.reason().toUpperCase(java.util.Locale.ROOT).replace('-', '_')), 1L,
            Long::sum);
      }
      if (checked.deliveryId() != null) {
        matched++;
      }
    }

    @Override
    public String toString() {
      List<String> parts = new ArrayList<>();
      parts.add("messages=" + messages);
      for (Kind kind : Kind.values()) {
        parts.add(kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + "=" + kinds.getOrDefault(kind, 0L));
      }
      parts.add("matched=" + matched);
      StringBuilder line = new StringBuilder(String.join(" ", parts));
      if (!reasons.isEmpty()) {
        line.append(" reasons:");
        reasons.forEach((reason, n) -> line.append(' ').append(reason.label()).append('=').append(n));
      }
      return line.toString();
    }
  }
}
