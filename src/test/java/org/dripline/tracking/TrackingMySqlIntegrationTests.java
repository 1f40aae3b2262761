package org.dripline.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import org.dripline.testing.MariaDbServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The tracking scenarios (V3 migration, events, links, suppressions) over Connector/J against MariaDB 11.4. */
class TrackingMySqlIntegrationTests extends TrackingScenarios {

  @Autowired
  LinkTable links;

  @DynamicPropertySource
  static void mysql(DynamicPropertyRegistry registry) {
    String url = MariaDbServer.newDatabaseUrl();
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", () -> "root");
    registry.add("spring.datasource.password", () -> "");
  }

  @Test
  void linksAndEventsAreUtf8mb4LikeTheRestOfTheSchema() {
    // given MariaDB 11.4, whose server default character set is latin1

    // when migration 5 has run, then both tracking tables are utf8mb4
    assertThat(jdbc.queryForList("""
        select table_collation from information_schema.tables
        where table_schema = database() and table_name in ('links', 'events')""", String.class))
        .hasSize(2).allMatch(collation -> collation.startsWith("utf8mb4"));
    // and a link outside Latin-1 is stored and redirected to unchanged
    String url = "https://example.com/寄稿/guilt?name=Zoë";
    long id = links.idOf("working-mom-guilt", "welcome", url);
    assertThat(links.target(id, "working-mom-guilt", "welcome")).contains(url);
  }
}
