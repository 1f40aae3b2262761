package org.dripline.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Files for the archive tests: a list with a sign-up form, newsletter issues (archived or not) whose templates
 * greet the reader by name and city and link to a post, and the shipped layouts. The readers the tests seed have
 * names and addresses found nowhere else, so any of them on a public page is a leak.
 */
final class ArchiveFixture {

  static final String LIST = "archive-weekly";
  static final String BASE = "http://localhost:8080";
  /** Archived, sent first. */
  static final String OLDER = "nov-letting-go";
  /** Archived, sent second: the newest. */
  static final String NEWER = "dec-small-wins";
  /** Archived, never sent. */
  static final String UNSENT = "jan-fresh-start";
  /** Sent, not archived. */
  static final String PRIVATE = "members-only";
  /** Archived, sent, then cancelled. */
  static final String CANCELLED = "oops-wrong-list";

  /** The seeded readers: what must never appear on the archive. */
  /** The list's own consent text, which its sign-up forms show (escaped) and whose version they record. */
  static final String CONSENT = "Yes, send me Archive Weekly & its letters. I can leave with one click.";
  static final String READER_EMAIL = "zebulon.quixote-marchetti@example.org";
  static final String READER_NAME = "Zebulon";
  static final String READER_CITY = "Xanaduville";
  static final String OTHER_EMAIL = "philippa.wolkenstein@example.net";
  static final String OTHER_NAME = "Philippa";

  private ArchiveFixture() {
  }

  /** A fresh directory with campaigns/ (empty), newsletters/, lists/ and templates/. */
  static Path create(String prefix) {
    try {
      Path root = Files.createTempDirectory(prefix);
      Files.createDirectories(root.resolve("campaigns"));
      Path lists = Files.createDirectories(root.resolve("lists"));
      Files.writeString(lists.resolve(LIST + ".yaml"), """
          id: archive-weekly
          name: "Archive Weekly"
          description: "A short letter every week."
          double_opt_in: true
          sign_up_form: true
          consent: "Yes, send me Archive Weekly & its letters. I can leave with one click."
          """);
      Path newsletters = Files.createDirectories(root.resolve("newsletters"));
      issue(newsletters, OLDER, "November: letting go", true);
      issue(newsletters, NEWER, "December: small wins", true);
      issue(newsletters, UNSENT, "January: a fresh start", true);
      issue(newsletters, PRIVATE, "For members only", false);
      issue(newsletters, CANCELLED, "Sent to the wrong list", true);
      Path templates = Files.createDirectories(root.resolve("templates"));
      Path layouts = Files.createDirectories(templates.resolve("layouts"));
      try (Stream<Path> shipped = Files.list(Path.of("templates/layouts"))) {
        for (Path file : shipped.toList()) {
          Files.copy(file, layouts.resolve(file.getFileName()));
        }
      }
      Path issues = Files.createDirectories(templates.resolve("issues"));
      Files.writeString(issues.resolve("letter.html.ftlh"), """
          <p>Hello<#if subscriber.firstName?has_content> ${subscriber.firstName}</#if>,</p>
          <p>this is ${campaign.name} for readers in ${subscriber.attributes.city!"every city"}.</p>
          <p>Written to ${subscriber.email}.</p>
          <p><a href="${links.post}">Read the whole story</a></p>
          """);
      Files.writeString(issues.resolve("letter.txt.ftl"), """
          Hello<#if subscriber.firstName?has_content> ${subscriber.firstName}</#if>,
          this is ${campaign.name}. Read it: ${links.post}
          """);
      return root;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void issue(Path dir, String id, String subject, boolean archive) throws IOException {
    Files.writeString(dir.resolve(id + ".yaml"), """
        id: %s
        name: "The %s letter"
        from: { name: "Maya from Archive Weekly", address: "letters@dripline.example" }
        postal_address: "Archive Weekly, 100 Example Avenue"
        lists: [ archive-weekly ]
        links:
          post: https://example.org/blog/%s
        subject: "%s<#if subscriber.firstName?has_content>, ${subscriber.firstName}</#if>"
        preheader: "The %s preheader"
        template: issues/letter
        send_at: 2035-01-10T09:00:00Z
        archive: %s
        """.formatted(id, id, id, subject, id, archive));
  }
}
