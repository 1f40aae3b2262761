package org.dripline.lists;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.dripline.campaign.Problem;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The mailing lists under {@code dripline.lists.dir}, one file each ({@code <id>.yaml} or {@code
 * <id>.yml}). Read from disk on each call, like campaigns: the directory holds a few small files and
 * an edit takes effect without a restart.
 */
@Component
public class ListCatalog {

  private final Path directory;

  public ListCatalog(Path directory) {
    this.directory = directory;
  }

  @Autowired
  ListCatalog(ListsSettings settings) {
    this(settings.dir());
  }

  public Path directory() {
    return directory;
  }

  /** The valid lists, sorted by id; a broken file is left out (and named by {@link #problems()}). */
  public List<MailingList> all() {
    return ListFiles.loadAll(directory).stream().map(ListFiles.Loaded::list).filter(Objects::nonNull)
        .sorted(Comparator.comparing(MailingList::id)).toList();
  }

  public Optional<MailingList> find(String id) {
    if (id == null || !ListFiles.ID.matcher(id).matches()) {
      return Optional.empty();
    }
    return all().stream().filter(list -> list.id().equals(id)).findFirst();
  }

  /** The list with this id, or a NotFoundException that names the known ones. */
  public MailingList require(String id) {
    return find(id).orElseThrow(() -> new org.dripline.infra.NotFoundException("no such list '"
        + Problem.escaped(String.valueOf(id)) + "' (known: " + String.join(", ", ids()) + ")"));
  }

  public List<String> ids() {
    return all().stream().map(MailingList::id).toList();
  }

  /** Every problem of the lists directory, file:line:column, sorted; empty when all files are valid. */
  public List<Problem> problems() {
    return ListFiles.loadAll(directory).stream().flatMap(loaded -> loaded.problems().stream()).sorted().toList();
  }
}
