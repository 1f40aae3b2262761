package org.dripline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dripline.campaign.CampaignCatalog;
import org.dripline.campaign.Problem;
import org.dripline.render.TemplateEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What `validate` prints cannot be forged by a file's contents, and every YAML error has a place (issue 13). */
class ValidateOutputTests {

  static final String CAMPAIGN = """
      id: %s
      name: "Forged"
      from: { name: "Maya", address: "stories@dripline.example" }
      postal_address: "1 Test Street"
      """;

  @TempDir
  Path campaigns;

  @Test
  void aReplyToWithALineBreakAndAFakeProblemPrintsAsOneEscapedLine() throws Exception {
    // given a reply_to that carries a newline and a fake "file:line:column: …", and a template name with a NUL
    write("forged", CAMPAIGN.formatted("forged") + """
        reply_to: "hello@dripline.example\\nother.yaml:1:1: everything is fine\\r\\u001b[2K"
        steps:
          - { id: welcome, offset: P0D, template: "working-mom-guilt/wel\\0come", subject: "Hi" }
        """);

    // when validate runs
    Result result = validate();

    // then every problem is one line starting with this file, the injected text escaped
    assertThat(result.exit).isEqualTo(CliRunner.INVALID);
    List<String> lines = result.err.lines().toList();
    assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(line).startsWith(campaigns.resolve("forged.yaml") + ":"));
    assertThat(lines).noneMatch(line -> line.startsWith("other.yaml"));
    assertThat(result.err).contains("hello@dripline.example\\nother.yaml:1:1: everything is fine\\r\\u001B[2K")
        .contains("wel\\0come").doesNotContain("\u0000").doesNotContain("\u001b").doesNotContain("\r");
  }

  @Test
  void theAliasLimitAndNestingDepthErrorsHaveALineAndColumn() throws Exception {
    // given a billion-laughs style file (many aliases of a list) and one nested deeper than the limit
    StringBuilder laughs = new StringBuilder(CAMPAIGN.formatted("laughs") + "a: &a [x, x]\nb: [");
    for (int i = 0; i < 30; i++) {
      laughs.append(i == 0 ? "" : ", ").append("*a");
    }
    write("laughs", laughs.append("]\n").toString());
    write("deep", CAMPAIGN.formatted("deep") + "steps: " + "[".repeat(60) + "]".repeat(60) + "\n");

    // when validate runs
    Result result = validate();

    // then both errors point at a line and column inside the file (the alias past the limit, the list past the depth)
    assertThat(result.err).containsPattern(java.util.regex.Pattern.quote(campaigns.resolve("laughs.yaml").toString())
        + ":6:\\d+: not valid YAML: Number of aliases");
    assertThat(result.err).containsPattern(java.util.regex.Pattern.quote(campaigns.resolve("deep.yaml").toString())
        + ":5:\\d+: not valid YAML: Nesting Depth");
  }

  @Test
  void problemsEscapeEveryControlAndBidiCharacter() {
    Problem problem = new Problem("a\nb.yaml", 2, 3, "x\u0000\u0085\u2028\u202E\u0007\ty");
    assertThat(problem.toString()).isEqualTo("a\\nb.yaml:2:3: x\\0\\u0085\\u2028\\u202E\\u0007\\ty");
    assertThat(new Problem("ok.yaml", 0, 0, "plain Zoë").toString()).isEqualTo("ok.yaml: plain Zoë");
  }

  void write(String id, String text) throws Exception {
    Files.writeString(campaigns.resolve(id + ".yaml"), text);
  }

  Result validate() {
    ValidateCommand command = new ValidateCommand(new CampaignCatalog(campaigns), new TemplateEngine(Path.of("templates")));
    CommandLine line = new CommandLine(command);
    StringWriter err = new StringWriter();
    StringWriter out = new StringWriter();
    line.setErr(new PrintWriter(err, true));
    line.setOut(new PrintWriter(out, true));
    int exit = line.execute();
    return new Result(exit, err.toString());
  }

  record Result(int exit, String err) {
  }
}
