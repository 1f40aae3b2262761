package org.dripline.campaign;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/** The campaign files under {@code dripline.campaigns-dir}, one {@code <id>.yaml} each. */
@Component
public class CampaignCatalog {

  private final Path directory;
  private final CampaignLoader loader = new CampaignLoader();

  public CampaignCatalog(Path directory) {
    this.directory = directory;
  }

  @Autowired
  CampaignCatalog(CampaignSettings settings) {
    this(settings.campaignsDir());
  }

  public Path directory() {
    return directory;
  }

  /** The campaign with this id; {@link InvalidCampaignException} naming what is wrong, or NotFoundException. */
  public Campaign load(String id) {
    if (id == null || !CampaignLoader.ID.matcher(id).matches()) {
      throw new InvalidCampaignException(List.of(new Problem(String.valueOf(id), 0, 0,
          "not a campaign id (lower-case letters, digits and '-')")));
    }
    Path file = directory.resolve(id + ".yaml");
    if (!Files.isRegularFile(file)) {
      throw new org.dripline.infra.NotFoundException("no such campaign '" + id + "': expected the file " + file
          + " (known: " + String.join(", ", ids()) + ")");
    }
    return loader.load(file);
  }

  /** Every campaign file, loaded or with its problems; a broken file never hides the others. */
  public List<Loaded> loadAll() {
    List<Loaded> all = new ArrayList<>();
    for (Path file : files()) {
      try {
        all.add(new Loaded(file, loader.load(file), List.of()));
      } catch (InvalidCampaignException e) {
        all.add(new Loaded(file, null, e.problems()));
      }
    }
    return all;
  }

  public List<String> ids() {
    return files().stream().map(f -> f.getFileName().toString().replaceFirst("\\.ya?ml$", "")).toList();
  }

  private List<Path> files() {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> list = Files.list(directory)) {
      return list.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml")).sorted().toList();
    } catch (IOException e) {
      throw new InvalidCampaignException(List.of(new Problem(directory.toString(), 0, 0,
          "cannot list campaign files: " + e.getMessage())));
    }
  }

  public record Loaded(Path file, Campaign campaign, List<Problem> problems) {
  }
}
