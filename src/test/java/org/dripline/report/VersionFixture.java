package org.dripline.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import org.dripline.campaign.Campaign;
import org.dripline.campaign.CampaignCatalog;
import org.dripline.campaign.CampaignLoader;
import org.dripline.campaign.CampaignVersions;
import org.dripline.campaign.Hashes;
import org.dripline.subscriber.importing.SubscriberImporter;
import org.dripline.testing.TestEnvironment;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A campaign with two versions in its history, for the tests of every version display: version 1
 * is the shipped series without its week-6 step, version 2 is the file as shipped, which
 * added week-6 and whose hazards someone accepted. {@code early} enrolled on version 1, {@code late}
 * on version 2, {@code newcomer} is not enrolled. Addresses carry a prefix so classes sharing a
 * database never meet.
 */
public record VersionFixture(String campaignId, Campaign v1, Campaign v2, String early, String late, String newcomer) {

  public static final String CAMPAIGN = "working-mom-guilt";
  public static final String SUMMARY = "added step week-6";
  public static final String ACCEPTED_BY = "ana@dripline.example";
  public static final String ACCEPTED_CHANGE = "c0ffee0123456789abcdef0123456789abcdef0123456789abcdef0123456789";
  static final LocalDateTime ENROLLED = LocalDateTime.parse("2026-12-01T08:00:00");

  /** Empties the shared tables and this campaign's history, then writes the fixture. */
  public static VersionFixture create(ApplicationContext context, String prefix, Path tmp) {
    JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
    CampaignVersions versions = context.getBean(CampaignVersions.class);
    TestEnvironment.emptyTables(jdbc);
    // The history is the one thing emptyTables keeps; these tests count its versions.
    jdbc.update("delete from campaign_versions where campaign_id = ?", CAMPAIGN);
    Campaign v2 = context.getBean(CampaignCatalog.class).load(CAMPAIGN);
    Campaign v1 = withoutWeek6(v2, tmp);
    versions.adopt(v1, null, null, null);
    versions.adopt(v2, SUMMARY, ACCEPTED_CHANGE, ACCEPTED_BY);

    VersionFixture fixture = new VersionFixture(CAMPAIGN, v1, v2, prefix + ".early@example.org",
        prefix + ".late@example.org", prefix + ".new@example.org");
    String csv = "email,first_name,tags\n" + fixture.early() + ",Eve,working-mom\n" + fixture.late() + ",Lou,working-mom\n"
        + fixture.newcomer() + ",Nia,working-mom\n";
    context.getBean(SubscriberImporter.class).importStream(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
        prefix + ".csv", "test");
    enroll(jdbc, fixture.early(), v1.versionHash());
    enroll(jdbc, fixture.late(), v2.versionHash());
    return fixture;
  }

  public String v1Short() {
    return Hashes.shortHash(v1.versionHash());
  }

  public String v2Short() {
    return Hashes.shortHash(v2.versionHash());
  }

  /** The shipped file minus its week-6 step, loaded as its own version. */
  static Campaign withoutWeek6(Campaign shipped, Path tmp) {
    String definition = shipped.definition();
    int week6 = definition.indexOf("  - id: week-6");
    int next = definition.indexOf("  - id: ", week6 + 1);
    assertThat(week6).as("the shipped series has week-6").isPositive();
    try {
      Path file = Files.createDirectories(tmp.resolve("v1")).resolve(CAMPAIGN + ".yaml");
      Files.writeString(file, next < 0 ? definition.substring(0, week6) : definition.substring(0, week6) + definition.substring(next));
      return new CampaignLoader().load(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void enroll(JdbcTemplate jdbc, String email, String versionHash) {
    long id = jdbc.queryForObject("select id from subscribers where email = ?", Long.class, email);
    jdbc.update("insert into enrollments (campaign_id, subscriber_id, version_hash, enrolled_at, state) values (?, ?, ?, ?, 'ACTIVE')",
        CAMPAIGN, id, versionHash, ENROLLED);
  }
}
