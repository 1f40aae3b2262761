package org.dripline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.dripline.testing.ChildJvm;
import org.dripline.testing.ChildJvm.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.FileSystemUtils;

/**
 * {@code dripline draft-series} as a marketer runs it, in a child JVM in a copy of the project: the
 * seed post becomes a series that {@code validate} passes, without a database; a second run over the
 * same id is refused in one line and changes nothing.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class DraftSeriesCommandIntegrationTests {

  static final Path SEED = Path.of("src/test/resources/posts/working-mom-guilt-post.txt").toAbsolutePath();

  @TempDir
  Path directory;

  @Test
  void theSeedPostBecomesASeriesThatValidatesAndASecondDraftOfTheSameIdIsRefused() throws Exception {
    // given the project's campaigns and templates
    FileSystemUtils.copyRecursively(Path.of("campaigns"), directory.resolve("campaigns"));
    FileSystemUtils.copyRecursively(Path.of("templates"), directory.resolve("templates"));

    // when the seed post is drafted
    Result drafted = dripline("draft-series", "--from", SEED.toString(), "--id", "next-post");

    // then it writes the campaign and twenty templates and says what to do next, opening no database
    assertThat(drafted.exitCode()).as(drafted.err()).isZero();
    assertThat(drafted.err()).isEmpty();
    assertThat(drafted.out()).contains("drafted next-post from working-mom-guilt-post.txt: 10 emails, one a week")
        .contains("welcome   P0D   What it Means to Be a Working Mother")
        .contains("copied from working-mom-guilt").contains("TODO marketer");
    assertThat(directory.resolve("campaigns/next-post.yaml")).isRegularFile();
    try (Stream<Path> files = Files.list(directory.resolve("templates/next-post"))) {
      assertThat(files.count()).isEqualTo(20);
    }
    assertThat(directory.resolve("data")).doesNotExist();

    // and validate passes both campaigns as they are
    Result validated = dripline("validate");
    assertThat(validated.exitCode()).as(validated.err()).isZero();
    assertThat(validated.out()).contains("2 campaign(s) checked, 0 problem(s)");

    // when the same id is drafted again, into the default directories or with --out
    List<String> before = tree();
    Result again = dripline("draft-series", "--from", SEED.toString(), "--id", "next-post");
    Result badId = dripline("draft-series", "--from", SEED.toString(), "--id", "Next Post", "--out", ".");

    // then each is refused with exit 2 and one line, and nothing changed
    assertThat(again.exitCode()).isEqualTo(CliRunner.INVALID);
    assertThat(again.err().lines()).hasSize(1).first().asString().startsWith("error: ")
        .contains("next-post.yaml already exists");
    assertThat(badId.exitCode()).isEqualTo(CliRunner.INVALID);
    assertThat(badId.err().lines()).containsExactly("error: 'Next Post' is not a campaign id: lower-case letters,"
        + " digits and '-', starting with a letter or digit, at most 100");
    assertThat(tree()).isEqualTo(before);
  }

  @Test
  void outWritesIntoAnotherDirectory() throws Exception {
    // given an empty directory to draft into
    Path out = Files.createDirectories(directory.resolve("drafts"));

    // when a post is drafted with --out
    Result result = dripline("draft-series", "--from", SEED.toString(), "--id", "next-post", "--out", out.toString(),
        "--url", "https://example.org/blog/next-post");

    // then the campaign file and templates are there, with the post's address
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(Files.readString(out.resolve("campaigns/next-post.yaml")))
        .contains("post: \"https://example.org/blog/next-post\"");
    assertThat(out.resolve("templates/next-post/welcome.html.ftlh")).isRegularFile();
  }

  private List<String> tree() throws IOException {
    try (Stream<Path> all = Files.walk(directory)) {
      return new ArrayList<>(all.map(p -> directory.relativize(p).toString()).sorted().toList());
    }
  }

  private Result dripline(String... command) throws IOException, InterruptedException {
    return ChildJvm.dripline(directory, command);
  }
}
