package org.dripline.delivery.send;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.dripline.infra.UtcTime;
import org.dripline.run.DripRuns;
import org.dripline.run.RunSummary;
import org.dripline.subscriber.importing.SubscriberImporter;
import org.dripline.testing.TestEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.database.support.H2PagingQueryProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The send reader's next page reads about a page of index entries, however many rows are still
 * planned: the query Spring Batch builds from the reader's clauses and keys, as H2 runs it
 * (EXPLAIN ANALYZE counts the rows it scanned). Ordered by id, each page scanned the partition's
 * whole backlog, and a 100k run's rate climbed for minutes as the backlog shrank.
 */
@SpringBootTest
@ActiveProfiles("test")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SendReaderPagingIntegrationTests {

  static final int AUDIENCE = 3_000;
  static final int PAGE = 100;
  // 21:00 in Berlin, outside the series' 08:00-11:00 window: the run plans the welcome and sends nothing.
  static final Instant EVENING = Instant.parse("2026-12-01T20:00:00Z");
  static final Pattern SCAN_COUNT = Pattern.compile("scanCount: (\\d+)");

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    TestEnvironment.smtpAndH2(registry, smtp, "reader-paging");
  }

  @Autowired
  DripRuns runs;
  @Autowired
  SubscriberImporter importer;
  @Autowired
  NamedParameterJdbcTemplate jdbc;
  @Autowired
  DataSource dataSource;
  @TempDir
  Path tmp;

  @Test
  void theNextPageOfTheSendReaderScansAboutAPageNotThePartitionsBacklog() throws Exception {
    // given 3,000 planned welcomes (a run outside the send window plans them and sends none)
    Path csv = tmp.resolve("audience.csv");
    try (BufferedWriter out = Files.newBufferedWriter(csv)) {
      out.write("email,first_name,timezone,tags\n");
      for (int i = 0; i < AUDIENCE; i++) {
        out.write("reader" + i + "@example.org,Reader " + i + ",Europe/Berlin,working-mom\n");
      }
    }
    assertThat(importer.importFile(csv, "test").imported()).isEqualTo(AUDIENCE);
    RunSummary evening = runs.run("working-mom-guilt", EVENING);
    assertThat(evening.succeeded()).as(evening.failure()).isTrue();
    Map<String, Object> params = new HashMap<>(Map.of("campaignId", "working-mom-guilt", "asOf",
        UtcTime.toDb(EVENING.plusSeconds(12 * 3600)), "fromId", 0L, "toId", Long.MAX_VALUE));
    H2PagingQueryProvider queries = new H2PagingQueryProvider();
    queries.setSelectClause(DeliverySendStepConfiguration.READER_SELECT);
    queries.setFromClause("deliveries");
    queries.setWhereClause(DeliverySendStepConfiguration.READER_WHERE);
    queries.setSortKeys(DeliverySendStepConfiguration.readerSortKeys());
    queries.init(dataSource);
    List<Map<String, Object>> firstPage = jdbc.queryForList(queries.generateFirstPageQuery(PAGE), params);
    assertThat(firstPage).hasSize(PAGE);
    // and the first page sent, as the writer leaves it
    jdbc.update("update deliveries set status = 'SENT' where id in (:ids)",
        Map.of("ids", firstPage.stream().map(row -> row.get("id")).toList()));

    // when the next page is read, keyed by the last row of the first
    Map<String, Object> last = firstPage.get(PAGE - 1);
    for (String key : DeliverySendStepConfiguration.readerSortKeys().keySet()) {
      params.put("_" + key, last.get(key));
    }
    String plan = jdbc.queryForObject("explain analyze " + queries.generateRemainingPagesQuery(PAGE), params, String.class);
    List<Map<String, Object>> secondPage = jdbc.queryForList(queries.generateRemainingPagesQuery(PAGE), params);

    // then it scanned about one page of the index, not the 2,900 rows still planned, and it is the next page
    Matcher scanned = SCAN_COUNT.matcher(plan);
    assertThat(scanned.find()).as(plan).isTrue();
    assertThat(Long.parseLong(scanned.group(1))).as(plan).isLessThanOrEqualTo(2L * PAGE);
    assertThat(secondPage).hasSize(PAGE);
    assertThat(((Number) secondPage.get(0).get("subscriber_id")).longValue())
        .isGreaterThan(((Number) last.get("subscriber_id")).longValue());
  }
}
