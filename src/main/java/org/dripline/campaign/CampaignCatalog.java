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
  private final Path newslettersDirectory;
  private final CampaignLoader loader = new CampaignLoader();
  private final NewsletterLoader newsletterLoader = new NewsletterLoader();

  /** Drip campaigns only (no newsletters directory). */
  public CampaignCatalog(Path directory) {
    this(directory, null);
  }

  /** @param newslettersDirectory where the newsletter issues are; null = none */
  public CampaignCatalog(Path directory, Path newslettersDirectory) {
    this.directory = directory;
    this.newslettersDirectory = newslettersDirectory;
  }

  @Autowired
  CampaignCatalog(CampaignSettings settings) {
    this(settings.campaignsDir(), settings.newsletters());
  }

  /** Where newsletter issues live (may not exist; null when this catalog has none). */
  public Path newslettersDirectory() {
    return newslettersDirectory;
  }

  public Path directory() {
    return directory;
  }

  /**
   * The campaign or newsletter issue with this id; {@link InvalidCampaignException} naming what is
   * wrong, or NotFoundException. Ids are unique across both directories: an id in both is a problem.
   */
  public Campaign load(String id) {
    if (id == null || !CampaignLoader.ID.matcher(id).matches()) {
      throw new InvalidCampaignException(List.of(new Problem(String.valueOf(id), 0, 0,
          "not a campaign id (lower-case letters, digits and '-')")));
    }
    List<Path> files = CampaignFiles.filesFor(directory, id);
    List<Path> issues = newslettersDirectory == null ? List.of() : CampaignFiles.filesFor(newslettersDirectory, id);
    if (!issues.isEmpty()) {
      if (!files.isEmpty()) {
        throw new InvalidCampaignException(List.of(clash(id, files.get(0), issues.get(0))));
      }
      return loadIssue(id, issues);
    }
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

  /** Every newsletter issue file, loaded or with its problems; an id also used by a campaign is a problem. */
  public List<Loaded> loadNewsletters() {
    List<Loaded> all = new ArrayList<>();
    if (newslettersDirectory == null) {
      return all;
    }
    java.util.Map<String, List<Path>> drips = CampaignFiles.byId(directory);
    CampaignFiles.byId(newslettersDirectory).forEach((id, files) -> {
      if (drips.containsKey(id)) {
        all.add(new Loaded(id, files.get(0), null, List.of(clash(id, drips.get(id).get(0), files.get(0)))));
        return;
      }
      try {
        all.add(new Loaded(id, files.get(0), loadIssue(id, files), List.of()));
      } catch (InvalidCampaignException e) {
        all.add(new Loaded(id, files.get(0), null, e.problems()));
      }
    });
    return all;
  }

  /** The ids of the newsletter issues, in file-name order. */
  public List<String> newsletterIds() {
    return newslettersDirectory == null ? List.of() : List.copyOf(CampaignFiles.byId(newslettersDirectory).keySet());
  }

  private Campaign loadIssue(String id, List<Path> files) {
    if (files.size() > 1) {
      throw new InvalidCampaignException(List.of(CampaignFiles.ambiguous(id, files)));
    }
    try {
      return newsletterLoader.load(files.get(0));
    } catch (InvalidCampaignException e) {
      List<Problem> located = YamlMap.located(e.problems(), files.get(0));
      throw located.equals(e.problems()) ? e : new InvalidCampaignException(located);
    }
  }

  private static Problem clash(String id, Path campaign, Path issue) {
    return new Problem(issue.toString(), 0, 0, "id '" + id + "' is used by both " + campaign + " and " + issue
        + ": campaign and newsletter ids share one namespace (the ledger, tracking and reports key on it); rename one");
  }

  public List<String> ids() {
    return List.copyOf(CampaignFiles.byId(directory).keySet());
  }

  /** {@code id} is the file's ({@link CampaignFiles#idOf}), whether or not the file loads. */
  public record Loaded(String id, Path file, Campaign campaign, List<Problem> problems) {
  }
}
