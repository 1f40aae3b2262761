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
            + " sign_up_form");
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
  }

  private void write(String name, String text) throws IOException {
    Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }
}
