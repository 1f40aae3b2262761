package org.dripline.archive;

import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.dripline.lists.MailingList;
import org.dripline.signup.ConsentText;
import org.dripline.signup.SignupSettings;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The public archive: {@code /archive} (every archived issue, newest first), {@code /archive/{id}} (one issue
 * rendered for an anonymous reader, with the sign-up form of its list) and {@code /archive/feed.atom}.
 * Nothing on them is personal, so unlike the pages behind signed links they are cacheable and indexable; the
 * issue's markup (already cleaned to passive HTML) sits in our page under a policy that runs no script but the
 * form's own time-zone line, loads only images, and posts forms only to this server.
 */
@Controller
class ArchiveController {

  /**
   * Fills the hidden time zone of each form (one per list), as the sign-up page does; allowed by its hash, the
   * page's only script.
   */
  static final String TIMEZONE_SCRIPT = "(function () { var zone = ''; try { zone ="
      + " Intl.DateTimeFormat().resolvedOptions().timeZone || ''; } catch (e) {}"
      + " document.querySelectorAll('input[name=timezone]').forEach(function (tz) { if (!tz.value) { tz.value = zone; } });"
      + " })();";

  static final String POLICY = "default-src 'none'; img-src https: http: data:; style-src 'unsafe-inline';"
      + " script-src 'sha256-" + sha256(TIMEZONE_SCRIPT) + "'; form-action 'self'; frame-ancestors 'none';"
      + " base-uri 'none'";

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH)
      .withZone(ZoneOffset.UTC);

  private final Archive archive;
  private final ArchiveSettings settings;
  private final SignupSettings signup;

  ArchiveController(Archive archive, ArchiveSettings settings, SignupSettings signup) {
    this.archive = archive;
    this.settings = settings;
    this.signup = signup;
  }

  @GetMapping("/archive")
  String index(Model model, HttpServletResponse response) {
    if (!settings.enabled()) {
      return missing(model, response);
    }
    List<Archive.Issue> issues = archive.issues();
    List<Map<String, Object>> rows = new ArrayList<>();
    List<MailingList> lists = new ArrayList<>();
    for (Archive.Issue issue : issues) {
      rows.add(row(issue));
      issue.list().filter(MailingList::signUpForm).filter(list -> !lists.contains(list)).ifPresent(lists::add);
    }
    model.addAttribute("issues", rows);
    page(model, response, lists);
    return "archive";
  }

  @GetMapping("/archive/{id}")
  String issue(@PathVariable String id, Model model, HttpServletResponse response) {
    Optional<Archive.Issue> found = settings.enabled() ? archive.issue(id) : Optional.empty();
    if (found.isEmpty()) {
      return missing(model, response);
    }
    Archive.Issue issue = found.get();
    Map<String, Object> shown = row(issue);
    shown.put("html", issue.html());
    shown.put("preheader", issue.preheader());
    shown.put("author", issue.author());
    model.addAttribute("issue", shown);
    model.addAttribute("aboutAnchor", AnonymousCopy.ABOUT_ANCHOR);
    page(model, response, issue.list().filter(MailingList::signUpForm).stream().toList());
    return "archive-issue";
  }

  @GetMapping("/archive/feed.atom")
  ResponseEntity<String> feed() {
    if (!settings.enabled()) {
      return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.TEXT_PLAIN).body("Not found");
    }
    List<AtomFeed.Entry> entries = archive.issues().stream().limit(settings.feedEntries())
        .map(issue -> new AtomFeed.Entry(archive.issueUrl(issue.id()), issue.subject(), issue.sentAt(), issue.author(),
            issue.preheader(), issue.html()))
        .toList();
    String xml = AtomFeed.write(settings.title(), archive.archiveUrl(), archive.feedUrl(), entries);
    // The ETag lets feed readers poll with If-None-Match and get a 304 while nothing changed.
    return ResponseEntity.ok()
        .contentType(new MediaType("application", "atom+xml", StandardCharsets.UTF_8))
        .cacheControl(CacheControl.maxAge(settings.maxAge()).cachePublic())
        .eTag("\"" + sha256(xml).substring(0, 27) + "\"")
        .body(xml);
  }

  private Map<String, Object> row(Archive.Issue issue) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", issue.id());
    row.put("subject", issue.subject());
    row.put("date", DAY.format(issue.sentAt()));
    row.put("datetime", AtomFeed.date(issue.sentAt()));
    return row;
  }

  private void page(Model model, HttpServletResponse response, List<MailingList> signUpLists) {
    model.addAttribute("title", settings.title());
    model.addAttribute("feedUrl", "/archive/feed.atom");
    model.addAttribute("signUpLists", signUpForms(signUpLists, signup));
    model.addAttribute("timezoneScript", TIMEZONE_SCRIPT);
    response.setHeader("Content-Security-Policy", POLICY);
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Cache-Control", CacheControl.maxAge(settings.maxAge()).cachePublic().getHeaderValue());
  }

  /** What each list's form shows: its name, description and consent text (with that text's version, posted back). */
  static List<Map<String, Object>> signUpForms(List<MailingList> signUpLists, SignupSettings signup) {
    List<Map<String, Object>> lists = new ArrayList<>();
    for (MailingList list : signUpLists) {
      Map<String, Object> shown = new LinkedHashMap<>();
      shown.put("id", list.id());
      shown.put("name", list.name());
      shown.put("description", list.description() == null ? "" : list.description());
      shown.put("doubleOptIn", list.doubleOptIn());
      // The list's own consent text, by the rule its /subscribe page follows; the version goes with the form.
      ConsentText consent = ConsentText.of(list, signup);
      shown.put("consentText", consent.text());
      shown.put("consentVersion", consent.version());
      lists.add(shown);
    }
    return lists;
  }

  /** Unknown, unarchived, unsent or cancelled: the same plain 404 page, which says nothing about which. */
  private String missing(Model model, HttpServletResponse response) {
    response.setStatus(HttpStatus.NOT_FOUND.value());
    response.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
    response.setHeader("Cache-Control", "no-cache");
    model.addAttribute("title", settings.title());
    model.addAttribute("enabled", settings.enabled());
    return "archive-missing";
  }

  static String sha256(String text) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
