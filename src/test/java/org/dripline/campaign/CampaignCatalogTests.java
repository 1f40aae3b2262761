package org.dripline.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dripline.infra.NotFoundException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which files of the campaigns directory are campaigns: listing and loading agree on every one. */
class CampaignCatalogTests {

  @TempDir
  Path dir;

  CampaignCatalog catalog() {
    return new CampaignCatalog(dir);
  }

  /** The shipped campaign, saved under {@code file} with the id the file name gives. */
  Path campaign(String file) throws IOException {
    String id = CampaignFiles.idOf(Path.of(file));
    return Files.writeString(dir.resolve(file), Files.readString(Path.of("campaigns/working-mom-guilt.yaml"))
        .replace("id: working-mom-guilt", "id: " + id));
  }

  @Test
  void aYmlFileIsListedAndLoadsLikeAYamlFile() throws IOException {
    // given one campaign in each spelling
    campaign("autumn.yml");
    campaign("spring.yaml");

    // when the catalog lists and loads them
    CampaignCatalog catalog = catalog();

    // then both are listed by id, and each id loads
    assertThat(catalog.ids()).containsExactly("autumn", "spring");
    assertThat(catalog.load("autumn").id()).isEqualTo("autumn");
    assertThat(catalog.load("autumn").steps()).isNotEmpty();
    assertThat(catalog.load("spring").id()).isEqualTo("spring");
    assertThat(catalog.loadAll()).extracting(CampaignCatalog.Loaded::id).containsExactly("autumn", "spring");
    assertThat(catalog.loadAll()).allSatisfy(loaded -> {
      assertThat(loaded.problems()).isEmpty();
      assertThat(loaded.campaign().id()).isEqualTo(loaded.id());
    });
  }

  @Test
  void bothSpellingsForOneIdAreAProblemInsteadOfAGuess() throws IOException {
    // given the same campaign as twin.yaml and twin.yml
    campaign("twin.yaml");
    campaign("twin.yml");

    // when it is listed, loaded and checked
    CampaignCatalog catalog = catalog();
    InvalidCampaignException loading = catchThrowableOfType(InvalidCampaignException.class, () -> catalog.load("twin"));

    // then it is listed once, with the problem, and loading it names both files
    String problem = "both twin.yaml and twin.yml define campaign 'twin': keep one of them";
    assertThat(catalog.ids()).containsExactly("twin");
    assertThat(catalog.loadAll()).singleElement().satisfies(loaded -> {
      assertThat(loaded.id()).isEqualTo("twin");
      assertThat(loaded.campaign()).isNull();
      assertThat(loaded.problems()).extracting(Problem::message).containsExactly(problem);
    });
    assertThat(loading).isNotNull();
    assertThat(loading.problems()).extracting(Problem::message).containsExactly(problem);
  }

  @Test
  void otherFilesAndDirectoriesAreNotCampaigns() throws IOException {
    // given a campaign, a text file, a directory named like a campaign, and a file named just ".yml"
    campaign("real.yml");
    Files.writeString(dir.resolve("notes.txt"), "not a campaign");
    Files.createDirectory(dir.resolve("folder.yaml"));
    Files.writeString(dir.resolve(".yml"), "id: x");

    // when listed / then only the campaign is there
    assertThat(catalog().ids()).containsExactly("real");
    assertThat(catalog().loadAll()).extracting(CampaignCatalog.Loaded::id).containsExactly("real");
  }

  @Test
  void anUnknownIdIsNotFoundNamingBothFileNamesAndTheKnownIds() throws IOException {
    // given one campaign
    campaign("known.yml");

    // when another id is loaded
    NotFoundException e = catchThrowableOfType(NotFoundException.class, () -> catalog().load("other"));

    // then the message says where it was looked for and what exists
    assertThat(e).isNotNull();
    assertThat(e.getMessage()).contains("no such campaign 'other'").contains(dir.resolve("other.yaml").toString())
        .contains(dir.resolve("other.yml").toString()).contains("known: known");
  }

  @Test
  void anIdThatDoesNotMatchItsYmlFileNamesThatFile() throws IOException {
    // given a .yml file whose id is another
    Path file = campaign("autumn.yml");
    Files.writeString(file, Files.readString(file).replace("id: autumn", "id: spring"));

    // when it is loaded
    InvalidCampaignException e = catchThrowableOfType(InvalidCampaignException.class, () -> catalog().load("autumn"));

    // then the problem names the file as it is spelled
    assertThat(e).isNotNull();
    assertThat(e.problems()).extracting(Problem::message).contains("id 'spring' must match the file name 'autumn.yml'");
  }
}
