package org.dripline.draft;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.dripline.campaign.Campaign;
import org.dripline.campaign.CampaignCatalog;
import org.dripline.campaign.InvalidCampaignException;
import org.dripline.infra.ConflictException;
import org.dripline.infra.InvalidInputException;
import org.dripline.infra.NotFoundException;
import org.springframework.stereotype.Component;

/**
 * Drafts a series from a post: checks everything first (the id, the post, that nothing of that id
 * exists), builds the campaign file and the templates in memory, loads the campaign file back as the
 * catalog would, then writes. The templates go into a hidden directory next to their place and are
 * renamed into it; the campaign file is linked into its place last (a link, unlike a rename, fails
 * when something is already there), so a failure at any point leaves nothing of the draft behind.
 */
@Component
public class SeriesDrafter {

  /** The campaign id rule ({@code campaign.CampaignLoader}); the draft is loaded back, so a drift would show. */
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,99}");
  private static final int MAX_POST_BYTES = 2 * 1024 * 1024;
  /** A year of weekly emails; it also keeps the campaign file far under the loader's 128 KiB. */
  static final int MAX_EMAILS = 52;

  private final CampaignCatalog catalog;
  private final DraftSettings settings;

  public SeriesDrafter(CampaignCatalog catalog, DraftSettings settings) {
    this.catalog = catalog;
    this.settings = settings;
  }

  /** What was written: the campaign file, the templates' directory and each step's subject. */
  public record Drafted(Path campaignFile, Path templatesDirectory, List<String> steps, List<String> subjects,
      boolean postUrlKnown, String copiedFrom) {
  }

  /**
   * Drafts campaign {@code id} from {@code post} into {@code campaignsDir}/{@code id}.yaml and
   * {@code templatesDir}/{@code id}/. {@code url}: the post's address, or null (the post's own, or a
   * placeholder). Refuses, writing nothing, an existing id, a bad id, or a post that is not a text
   * file with at least two sections.
   */
  public Drafted draft(Path post, String id, String url, Path campaignsDir, Path templatesDir) throws IOException {
    if (id == null || !ID.matcher(id).matches()) {
      throw new InvalidInputException("'" + printable(String.valueOf(id)) + "' is not a campaign id: lower-case"
          + " letters, digits and '-', starting with a letter or digit, at most 100");
    }
    PostFormat format = PostFormat.of(post).orElseThrow(() -> new InvalidInputException(
        "cannot tell how " + post + " is written: name a .md, .html or .txt file"));
    if (url != null) {
      checkUrl(url);
    }
    Path campaignFile = campaignsDir.resolve(id + ".yaml");
    Path templates = templatesDir.resolve(id);
    for (Path taken : List.of(campaignFile, campaignsDir.resolve(id + ".yml"), templates)) {
      if (Files.exists(taken, LinkOption.NOFOLLOW_LINKS)) {
        throw new ConflictException(taken + " already exists: a draft never replaces a campaign (it may be live);"
            + " choose another --id, or move it away first");
      }
    }
    String text = readPost(post);
    Post parsed = switch (format) {
      case MARKDOWN -> MarkdownPosts.read(text, url);
      case HTML -> HtmlPosts.read(text, url);
      case TEXT -> TextPosts.read(text, url);
    };
    if (parsed.sections().size() < 2) {
      throw new InvalidInputException(post + ": found " + parsed.sections().size() + " section(s), a series needs at"
          + " least 2: " + switch (format) {
            case MARKDOWN -> "split the post with # or ## headings";
            case HTML -> "split the post with <h1>, <h2> or <h3> headings";
            case TEXT -> "put each heading on a short line of its own, without a final period, between blank lines";
          });
    }
    if (parsed.sections().size() > MAX_EMAILS) {
      throw new InvalidInputException(post + ": found " + parsed.sections().size() + " sections, more than a year of"
          + " weekly emails (" + MAX_EMAILS + "): split the post, or use fewer headings");
    }
    Campaign like = like();
    String yaml = DraftYaml.yaml(id, parsed, String.valueOf(post.getFileName()), like);
    Map<String, String> files = new LinkedHashMap<>();
    for (int i = 0; i < parsed.sections().size(); i++) {
      files.put(DraftYaml.stepId(i) + ".html.ftlh", DraftTemplates.html(parsed.sections(), i));
      files.put(DraftYaml.stepId(i) + ".txt.ftl", DraftTemplates.text(parsed.sections(), i));
    }
    Campaign drafted = loadBack(id, yaml);
    write(campaignsDir, templatesDir, campaignFile, templates, yaml, files);
    return new Drafted(campaignFile, templates, drafted.stepIds(),
        drafted.steps().stream().map(org.dripline.campaign.Step::subject).toList(), parsed.url() != null,
        like == null ? null : like.id());
  }

  /** The campaign the draft copies its sender and links from; none when it does not load. */
  private Campaign like() {
    try {
      return settings.like() == null || settings.like().isBlank() ? null : catalog.load(settings.like());
    } catch (InvalidCampaignException | NotFoundException | java.io.UncheckedIOException e) {
      return null; // the draft says so in its placeholders
    }
  }

  private static void checkUrl(String url) {
    java.net.URI uri;
    try {
      uri = new java.net.URI(url);
    } catch (java.net.URISyntaxException e) {
      throw new InvalidInputException("--url '" + printable(url) + "' is not a URL: " + e.getReason());
    }
    if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
      throw new InvalidInputException("--url '" + printable(url) + "' must be an absolute https URL, like https://example.org/blog/post");
    }
  }

  /** The post as text: refused when missing, unreadable, empty, too large, binary or not UTF-8. */
  static String readPost(Path post) {
    byte[] bytes;
    try {
      if (Files.isDirectory(post)) {
        throw new InvalidInputException(post + " is a directory: name the post's file");
      }
      if (Files.exists(post) && !Files.isRegularFile(post)) {
        throw new InvalidInputException(post + " is not a regular file: name the post's file");
      }
      if (Files.size(post) > MAX_POST_BYTES) {
        throw new InvalidInputException(post + " is " + Files.size(post) + " bytes: a post is at most 2 MiB");
      }
      bytes = Files.readAllBytes(post);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException("cannot read " + post + ": no such file");
    } catch (AccessDeniedException e) {
      throw new InvalidInputException("cannot read " + post + ": permission denied");
    } catch (IOException e) {
      throw new InvalidInputException("cannot read " + post + ": " + e.getMessage());
    }
    for (byte b : bytes) {
      if (b == 0) {
        throw new InvalidInputException(post + " is a binary file, not a text post");
      }
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new InvalidInputException(post + " is not UTF-8 text (a binary file, or another encoding: save it as UTF-8)");
    }
    long controls = text.chars().filter(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t').count();
    if (controls > 0 && controls * 100 > text.length()) {
      throw new InvalidInputException(post + " is a binary file, not a text post");
    }
    // One line ending; the odd control character or line separator from a copy and paste becomes a space.
    text = text.replace("\uFEFF", "").replace("\r\n", "\n").replace('\r', '\n')
        .replaceAll("[\\p{Cc}\\u2028\\u2029\\u0085&&[^\\n]]", " ");
    if (text.isBlank()) {
      throw new InvalidInputException(post + " is empty");
    }
    return text;
  }

  /** The campaign file as the catalog will read it; a problem here is a bug of the draft, not the user's. */
  private static Campaign loadBack(String id, String yaml) throws IOException {
    Path check = Files.createTempDirectory("dripline-draft-");
    try {
      Files.writeString(check.resolve(id + ".yaml"), yaml, StandardCharsets.UTF_8);
      return new CampaignCatalog(check).load(id);
    } catch (InvalidCampaignException e) {
      throw new IllegalStateException("the drafted campaign file does not load: " + e.problems().get(0));
    } finally {
      delete(check);
    }
  }

  private static void write(Path campaignsDir, Path templatesDir, Path campaignFile, Path templates, String yaml,
      Map<String, String> files) throws IOException {
    List<Path> created = new ArrayList<>();
    Path staging = null;
    Path partial = null;
    boolean placed = false;
    try {
      for (Path dir : List.of(campaignsDir, templatesDir)) {
        if (!Files.isDirectory(dir)) {
          if (dir.getParent() != null && !Files.isDirectory(dir.toAbsolutePath().getParent())) {
            throw new InvalidInputException("cannot write into " + dir + ": " + dir.toAbsolutePath().getParent()
                + " is not a directory; create it first");
          }
          created.add(Files.createDirectory(dir));
        }
      }
      staging = Files.createTempDirectory(templatesDir, "." + templates.getFileName() + ".draft-");
      for (Map.Entry<String, String> file : files.entrySet()) {
        Files.writeString(staging.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8,
            StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      }
      partial = Files.createTempFile(campaignsDir, "." + campaignFile.getFileName() + ".", ".partial");
      Files.writeString(partial, yaml, StandardCharsets.UTF_8);
      // A rename of a directory onto an empty one would replace it: look once more just before.
      if (Files.exists(templates, LinkOption.NOFOLLOW_LINKS)) {
        throw new FileAlreadyExistsException(templates.toString());
      }
      Files.move(staging, templates, StandardCopyOption.ATOMIC_MOVE);
      staging = null;
      placed = true;
      link(partial, campaignFile);
      placed = false;
    } catch (FileAlreadyExistsException e) {
      throw new ConflictException(e.getFile() + " appeared while the draft was written; nothing was written");
    } catch (AccessDeniedException e) {
      throw new InvalidInputException("cannot write " + e.getFile() + ": permission denied; nothing was written");
    } finally {
      if (placed) {
        delete(templates);
      }
      if (staging != null) {
        delete(staging);
      }
      if (partial != null) {
        Files.deleteIfExists(partial);
      }
      if (!Files.exists(campaignFile, LinkOption.NOFOLLOW_LINKS)) {
        for (Path dir : created) {
          delete(dir);
        }
      }
    }
  }

  /** {@code file} at {@code target}, failing when something is there (a hard link is that check and the write at once). */
  private static void link(Path file, Path target) throws IOException {
    try {
      Files.createLink(target, file);
    } catch (FileAlreadyExistsException e) {
      throw e;
    } catch (UnsupportedOperationException | java.nio.file.FileSystemException e) {
      // a file system without hard links: a move that refuses an existing target (checked, then renamed)
      Files.move(file, target);
    }
  }

  private static void delete(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> all = Files.walk(root)) {
      for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  private static String printable(String text) {
    return text.replaceAll("\\p{Cc}", "?");
  }
}
