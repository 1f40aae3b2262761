package org.dripline.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * The store of generated keys: one key per name, whoever asks first and however many at once. On
 * H2 ({@link GeneratedKeysIntegrationTests}) and MariaDB ({@link GeneratedKeysMySqlIntegrationTests}).
 */
@ActiveProfiles("test")
@Timeout(value = 10, unit = TimeUnit.MINUTES)
abstract class GeneratedKeysScenarios {

  @Autowired
  NamedParameterJdbcTemplate jdbc;

  @Test
  void aKeyIsGeneratedOnceAndEveryLaterCallReadsIt() {
    // given a name nothing was generated for
    GeneratedKeys keys = new GeneratedKeys(jdbc, Clock.systemUTC());
    String name = "test-" + UUID.randomUUID();
    AtomicInteger generated = new AtomicInteger();
    Supplier<String> generator = () -> "secret-" + generated.incrementAndGet();
    assertThat(keys.find(name)).isEmpty();

    // when it is asked for twice, the second time as another process would (another instance)
    GeneratedKeys.Stored first = keys.getOrCreate(name, generator);
    GeneratedKeys.Stored second = new GeneratedKeys(jdbc, Clock.systemUTC()).getOrCreate(name, generator);

    // then it was generated once, the first call says so, and both return the stored key
    assertThat(generated).hasValue(1);
    assertThat(first).isEqualTo(new GeneratedKeys.Stored("secret-1", true));
    assertThat(second).isEqualTo(new GeneratedKeys.Stored("secret-1", false));
    assertThat(keys.find(name)).contains("secret-1");
    assertThat(first.toString()).doesNotContain("secret-1");
  }

  @Test
  void twoStartsAtOnceOnANewDatabaseEndWithOneKey() throws Exception {
    // given two "processes" that both find no key and generate their own at the same moment
    String name = "race-" + UUID.randomUUID();
    CyclicBarrier bothGenerated = new CyclicBarrier(2);
    Supplier<GeneratedKeys.Stored> start = () -> new GeneratedKeys(jdbc, Clock.systemUTC()).getOrCreate(name, () -> {
      String mine = UUID.randomUUID().toString();
      try {
        bothGenerated.await(30, TimeUnit.SECONDS); // neither inserts before both have looked
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      return mine;
    });

    // when both insert theirs
    CompletableFuture<GeneratedKeys.Stored> one = CompletableFuture.supplyAsync(start);
    CompletableFuture<GeneratedKeys.Stored> two = CompletableFuture.supplyAsync(start);
    List<GeneratedKeys.Stored> results = List.of(one.get(60, TimeUnit.SECONDS), two.get(60, TimeUnit.SECONDS));

    // then both use the one stored key, and exactly one of them created it
    assertThat(results.get(0).secret()).isEqualTo(results.get(1).secret()).isEqualTo(
        new GeneratedKeys(jdbc, Clock.systemUTC()).find(name).orElseThrow());
    assertThat(results.stream().filter(GeneratedKeys.Stored::createdNow)).hasSize(1);
  }
}
