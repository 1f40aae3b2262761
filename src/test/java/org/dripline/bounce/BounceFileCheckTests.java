package org.dripline.bounce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dripline.infra.InvalidInputException;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** {@code bounces --file} reading: mbox splitting, directories, and a database without a ledger. */
class BounceFileCheckTests {

  private final BounceFileCheck check = new BounceFileCheck(new NamedParameterJdbcTemplate(emptyDatabase()),
      org.dripline.tracking.TestSigners.bounceAddresses());

  @Test
  void anMboxIsSplitOnFromLinesAndAQuotedFromInABodyIsNoNewMessage(@TempDir Path dir) throws IOException {
    // given an mbox of three messages, one with an mboxrd-quoted ">From " line in its body
    String mbox = "From MAILER-DAEMON Tue Dec  1 08:00:00 2026\n" + fixture("exim-text-hard")
        + "\nFrom MAILER-DAEMON Tue Dec  1 08:01:00 2026\n" + fixture("corpus/yahoo-text-disabled")
        + "\n>From the team, with love\n"
        + "\nFrom zoe@example.org Tue Dec  1 09:00:00 2026\n" + fixture("out-of-office") + "\n";
    Path file = dir.resolve("box");
    Files.writeString(file, mbox, StandardCharsets.ISO_8859_1);

    // when checked
    List<BounceFileCheck.Checked> lines = checked(file);

    // then three messages, read as the job reads them; no ledger means no delivery, not an error
    assertThat(lines).extracting(BounceFileCheck.Checked::source).containsExactly("box#1", "box#2", "box#3");
    assertThat(lines).extracting(BounceFileCheck.Checked::kind).containsExactly("HARD_BOUNCE", "HARD_BOUNCE", "IGNORED");
    assertThat(lines).extracting(BounceFileCheck.Checked::recipient)
        .containsExactly("nouser@example.com", "ned.old@yahoo.test", null);
    assertThat(lines).extracting(BounceFileCheck.Checked::deliveryId).containsOnlyNulls();
  }

  @Test
  void aDirectoryIsReadFileByFileHiddenFilesAsideAndAnEmptyFileIsOneIgnoredMessage(@TempDir Path dir) throws IOException {
    // given a directory with two messages, an empty file and a hidden one
    Files.writeString(dir.resolve("a.eml"), fixture("corpus/gmx-dsn-storage"), StandardCharsets.ISO_8859_1);
    Files.createDirectories(dir.resolve("sub"));
    Files.writeString(dir.resolve("sub/b.eml"), fixture("corpus/hotmail-jmrp-complaint"), StandardCharsets.ISO_8859_1);
    Files.writeString(dir.resolve("empty.eml"), "");
    Files.writeString(dir.resolve(".DS_Store"), "junk");

    // when checked
    List<BounceFileCheck.Checked> lines = checked(dir);

    // then each file is one line, in name order, and the summary counts them by kind and reason
    assertThat(lines).extracting(BounceFileCheck.Checked::source).containsExactly("a.eml", "empty.eml", "sub/b.eml");
    assertThat(lines).extracting(BounceFileCheck.Checked::kind).containsExactly("SOFT_BOUNCE", "IGNORED", "COMPLAINT");
    BounceFileCheck.Summary summary = new BounceFileCheck.Summary();
    lines.forEach(summary::add);
    assertThat(summary.toString()).isEqualTo("messages=3 hard-bounce=0 soft-bounce=1 complaint=1 unsubscribe=0 ignored=1"
        + " matched=0 reasons: mailbox-full=1");
  }

  @Test
  void aPathThatIsNotThereIsBadInput(@TempDir Path dir) {
    // given / when / then a clear error naming the path
    assertThatThrownBy(() -> checked(dir.resolve("nope"))).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("no such file or directory");
  }

  private List<BounceFileCheck.Checked> checked(Path path) {
    List<BounceFileCheck.Checked> lines = new ArrayList<>();
    check.check(path, lines::add);
    return lines;
  }

  private static String fixture(String name) throws IOException {
    try (InputStream in = BounceFileCheckTests.class.getResourceAsStream("/bounces/" + name + ".eml")) {
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  private static JdbcDataSource emptyDatabase() {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:bounce-file-check;DB_CLOSE_DELAY=-1");
    return dataSource;
  }
}
