package org.dripline.campaign;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which files of the campaigns directory are campaigns, and which campaign each one is: the
 * regular files {@code <id>.yaml} and {@code <id>.yml}. The one place that knows it: the catalog
 * (and through it {@code validate}, {@code run}, the API, the console and the schedules) and the
 * loader's id check all ask here, so a file that is listed also loads.
 */
public final class CampaignFiles {

  /** The names campaign files have, for messages. */
  public static final String NAMES = "<id>.yaml or <id>.yml";

  private static final Pattern NAME = Pattern.compile("(.+)\\.(yaml|yml)");
  private static final List<String> EXTENSIONS = List.of(".yaml", ".yml");

  private CampaignFiles() {
  }

  /** The id a campaign file stands for: its name without the extension (the whole name if it has none). */
  public static String idOf(Path file) {
    String name = file.getFileName().toString();
    Matcher matcher = NAME.matcher(name);
    return matcher.matches() ? matcher.group(1) : name;
  }

  /** The files that would define campaign {@code id}: none, one, or (a problem) both. */
  static List<Path> filesFor(Path directory, String id) {
    return EXTENSIONS.stream().map(extension -> directory.resolve(id + extension)).filter(Files::isRegularFile).toList();
  }

  /** Every campaign file in {@code directory} by id, in file-name order; an id with two files is a problem. */
  static Map<String, List<Path>> byId(Path directory) {
    if (!Files.isDirectory(directory)) {
      return Map.of();
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(directory)) {
      files = list.filter(p -> NAME.matcher(p.getFileName().toString()).matches() && Files.isRegularFile(p))
          .sorted().toList();
    } catch (IOException e) {
      throw new InvalidCampaignException(List.of(new Problem(directory.toString(), 0, 0,
          "cannot list campaign files: " + e.getMessage())));
    }
    Map<String, List<Path>> byId = new LinkedHashMap<>();
    for (Path file : files) {
      byId.computeIfAbsent(idOf(file), id -> new ArrayList<>()).add(file);
    }
    return byId;
  }

  /** Two files for one id: neither is loaded, since either could be the one meant. */
  static Problem ambiguous(String id, List<Path> files) {
    return new Problem(files.get(files.size() - 1).toString(), 0, 0, "both " + files.get(0).getFileName() + " and "
        + files.get(files.size() - 1).getFileName() + " define campaign '" + id + "': keep one of them");
  }
}
