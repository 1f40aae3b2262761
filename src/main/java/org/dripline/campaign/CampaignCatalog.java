package org.dripline.campaign;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The campaigns under {@code dripline.campaigns-dir}, one file each ({@link CampaignFiles}: {@code
 * <id>.yaml} or {@code <id>.yml}).
 */
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
    List<Path> files = CampaignFiles.filesFor(directory, id);
    if (files.isEmpty()) {
      throw new org.dripline.infra.NotFoundException("no such campaign '" + id + "': expected the file "
          + directory.resolve(id + ".yaml") + " or " + directory.resolve(id + ".yml")
          + " (known: " + String.join(", ", ids()) + ")");
    }
    if (files.size() > 1) {
      throw new InvalidCampaignException(List.of(CampaignFiles.ambiguous(id, files)));
    }
    try {
      return loader.load(files.get(0));
    } catch (InvalidCampaignException e) {
      List<Problem> located = YamlMap.located(e.problems(), files.get(0));
      throw located.equals(e.problems()) ? e : new InvalidCampaignException(located);
    }
  }

  /** Every campaign file, loaded or with its problems; a broken file never hides the others. */
  public List<Loaded> loadAll() {
    List<Loaded> all = new ArrayList<>();
    CampaignFiles.byId(directory).forEach((id, files) -> {
      if (files.size() > 1) {
        all.add(new Loaded(id, files.get(0), null, List.of(CampaignFiles.ambiguous(id, files))));
        return;
      }
      try {
        all.add(new Loaded(id, files.get(0), loader.load(files.get(0)), List.of()));
      } catch (InvalidCampaignException e) {
        all.add(new Loaded(id, files.get(0), null, YamlMap.located(e.problems(), files.get(0))));
      }
    });
    return all;
  }

  public List<String> ids() {
    return List.copyOf(CampaignFiles.byId(directory).keySet());
  }

  /** {@code id} is the file's ({@link CampaignFiles#idOf}), whether or not the file loads. */
  public record Loaded(String id, Path file, Campaign campaign, List<Problem> problems) {
  }
}
