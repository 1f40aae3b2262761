package org.dripline.lists;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dripline.campaign.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** List files: what loads, and every mistake named with file:line:column. */
class ListCatalogTests {

  @TempDir
  Path dir;

  @Test
  void aValidFileLoadsWithItsDefaults() throws IOException {
    // given a list file with only the required keys
    write("weekly.yaml", "id: weekly\nname: \"Weekly\"\n");

    // when the catalog reads the directory
    ListCatalog catalog = new ListCatalog(dir);

    // then the list is there, double opt-in on and no sign-up form by default, and no problem is reported
    assertThat(catalog.all()).containsExactly(new MailingList("weekly", "Weekly", "", true, false));
    assertThat(catalog.find("weekly")).isPresent();
    assertThat(catalog.find("other")).isEmpty();
    assertThat(catalog.find("../weekly")).isEmpty();
    assertThat(catalog.problems()).isEmpty();
  }

  @Test
  void everyMistakeIsReportedAtItsLineAndColumnAndTheFileIsLeftOut() throws IOException {
    // given a file with an unknown key, a bad flag and no name
    write("news.yaml", "id: news\ndescription: hi\ndouble_opt_in: maybe\nsign_up: true\n");

    // when the catalog reads it
    ListCatalog catalog = new ListCatalog(dir);

    // then each problem points at its place, and the broken list is not offered
    assertThat(catalog.problems()).extracting(Problem::toString).containsExactly(
        dir.resolve("news.yaml") + ":1:1: missing required key 'name'",
        dir.resolve("news.yaml") + ":3:16: 'double_opt_in' must be true or false",
        dir.resolve("news.yaml") + ":4:1: unknown key 'sign_up'; expected one of id, name, description, double_opt_in,"
            + " sign_up_form, consent");
    assertThat(catalog.all()).isEmpty();
  }

  @Test
  void anIdMustBeValidAndMatchTheFileName() throws IOException {
    // given one file with a bad id and one whose id is another file's name
    write("bad.yaml", "id: Bad_Id\nname: x\n");
    write("right.yaml", "id: wrong\nname: x\n");

    // when the catalog reads them
    ListCatalog catalog = new ListCatalog(dir);

    // then both are refused, at the id's value
    assertThat(catalog.problems()).extracting(Problem::toString).containsExactly(
        dir.resolve("bad.yaml") + ":1:5: id 'Bad_Id' must be lower-case letters, digits and '-' (at most 100)",
        dir.resolve("right.yaml") + ":1:5: id 'wrong' must match the file name 'right.yaml'");
  }

  @Test
  void malformedYamlAndTwoFilesForOneIdAreProblemsThatHideNoOtherList() throws IOException {
    // given broken YAML, an id with two files, a list that is not a mapping, and a good list
    write("broken.yaml", "id: broken\nname: [unclosed\n");
    write("twice.yaml", "id: twice\nname: a\n");
    write("twice.yml", "id: twice\nname: b\n");
    write("scalar.yaml", "just text\n");
    write("good.yml", "id: good\nname: Good\nsign_up_form: true\ndouble_opt_in: false\n");

    // when the catalog reads the directory
    ListCatalog catalog = new ListCatalog(dir);

    // then the good list loads and each other file has its problem
    assertThat(catalog.all()).containsExactly(new MailingList("good", "Good", "", false, true));
    assertThat(catalog.problems()).extracting(Problem::toString).satisfiesExactly(
        broken -> assertThat(broken).startsWith(dir.resolve("broken.yaml") + ":3:1: not valid YAML"),
        scalar -> assertThat(scalar).isEqualTo(dir.resolve("scalar.yaml") + ":1:1: a list file must be a mapping of keys to values"),
        twice -> assertThat(twice).isEqualTo(dir.resolve("twice.yml") + ": both twice.yaml and twice.yml define list 'twice': keep one of them"));
  }

  @Test
  void aDuplicateKeyAndANonScalarNameAreNamed() throws IOException {
    // given a file naming the list twice, and one whose name is a list
    write("dup.yaml", "id: dup\nname: a\nname: b\n");
    write("seq.yaml", "id: seq\nname: [a, b]\n");

    // when the catalog reads them, then both are problems at their place
    assertThat(new ListCatalog(dir).problems()).extracting(Problem::toString).containsExactly(
        dir.resolve("dup.yaml") + ":3:1: duplicate key 'name'",
        dir.resolve("seq.yaml") + ":2:7: 'name' must be a single value, not a list or mapping");
  }

  @Test
  void aListsOwnConsentTextLoadsAsWrittenAndIsEmptyWhenTheKeyIsLeftOut() throws IOException {
    // given a list with a one-line consent text, one with a folded two-line text, and one without
    write("news.yaml", "id: news\nname: News\nconsent: \"Yes, email me <News> & more.\"\n");
    write("folded.yaml", "id: folded\nname: Folded\nconsent: >\n  Yes, email me the folded list.\n  I can leave at any"
        + " time.\n");
    write("plain.yaml", "id: plain\nname: Plain\n");

    // when the catalog reads them
    ListCatalog catalog = new ListCatalog(dir);

    // then each list carries its text as written (trimmed, unescaped: the pages escape it), or none
    assertThat(catalog.problems()).isEmpty();
    assertThat(catalog.require("news").consent()).isEqualTo("Yes, email me <News> & more.");
    assertThat(catalog.require("folded").consent()).isEqualTo("Yes, email me the folded list. I can leave at any time.");
    assertThat(catalog.require("plain").consent()).isEmpty();
    assertThat(catalog.require("plain")).isEqualTo(new MailingList("plain", "Plain", "", true, false, ""));
  }

  @Test
  void anEmptyTooLongOrControlCharacterConsentTextIsAProblemAtItsPlace() throws IOException {
    // given consent texts that are empty, YAML null, too long, hold a tab, hold a bell, and are a list
    write("empty.yaml", "id: empty\nname: E\nconsent: \"  \"\n");
    write("nothing.yaml", "id: nothing\nname: N\nconsent:\n");
    write("tilde.yaml", "id: tilde\nname: T\nconsent: ~\n");
    write("long.yaml", "id: long\nname: L\nconsent: " + "x".repeat(1001) + "\n");
    write("tab.yaml", "id: tab\nname: T\nconsent: \"Yes\\tplease\"\n");
    write("bell.yaml", "id: bell\nname: B\nsign_up_form: true\nconsent: \"Yes\\a\"\n");
    write("seq.yaml", "id: seq\nname: S\nconsent: [yes, no]\n");
    write("fits.yaml", "id: fits\nname: F\nconsent: " + "x".repeat(1000) + "\n");

    // when the catalog reads them
    ListCatalog catalog = new ListCatalog(dir);

    // then each is refused with its file:line:column, and only the valid one loads
    String empty = "'consent' must not be empty; leave the key out to show the series-wide consent text";
    assertThat(catalog.problems()).extracting(Problem::toString).containsExactly(
        dir.resolve("bell.yaml") + ":4:10: 'consent' holds a control character",
        dir.resolve("empty.yaml") + ":3:10: " + empty,
        dir.resolve("long.yaml") + ":3:10: 'consent' is longer than 1000 characters",
        dir.resolve("nothing.yaml") + ":3:9: " + empty,
        dir.resolve("seq.yaml") + ":3:10: 'consent' must be a single value, not a list or mapping",
        dir.resolve("tab.yaml") + ":3:10: 'consent' holds a control character",
        dir.resolve("tilde.yaml") + ":3:10: " + empty);
    assertThat(catalog.ids()).containsExactly("fits");
  }

  @Test
  void aMissingDirectoryHasNoListsAndNoProblems() {
    ListCatalog catalog = new ListCatalog(dir.resolve("none"));
    assertThat(catalog.all()).isEmpty();
    assertThat(catalog.problems()).isEmpty();
  }

  @Test
  void theShippedListsAreValid() {
    // given the repository's lists directory
    ListCatalog catalog = new ListCatalog(Path.of("lists"));

    // then it loads cleanly, with the Stories newsletter on double opt-in and its sign-up form
    assertThat(catalog.problems()).isEmpty();
    assertThat(catalog.find("stories-weekly")).hasValueSatisfying(list -> {
      assertThat(list.doubleOptIn()).isTrue();
      assertThat(list.signUpForm()).isTrue();
    });
    assertThat(catalog.ids()).contains("product-news");
    // and each shipped list has its own consent text, naming the list
    assertThat(catalog.all()).allSatisfy(list -> assertThat(list.consent()).contains(list.name()));
  }

  private void write(String name, String text) throws IOException {
    Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }
}
