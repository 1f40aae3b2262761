package org.dripline.infra;

import com.zaxxer.hikari.HikariDataSource;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Makes every commit of an H2 file database reach the file before the next statement, so a
 * process killed right after a claim or a SENT mark keeps it (invariant 2, docs/architecture.md).
 * H2's default WRITE_DELAY of 500 ms keeps the last half second of commits in memory: after a
 * SIGKILL those deliveries came back PLANNED and went out again, unreported (113 duplicates in
 * 3,000 in the run that found it). With WRITE_DELAY=0 each commit is written to the file at
 * commit time; the operating system then keeps it even though the process dies. (It does not
 * force it to the disk platter: a power cut is another matter, see the README's crash section.)
 *
 * <p>Applied to any {@code jdbc:h2:file:} URL, the shipped one and one a user sets; a WRITE_DELAY
 * written into the URL wins, with a warning when it is not 0. In-memory databases have no file.
 */
@Component
class H2Durability implements BeanPostProcessor {

  private static final Logger log = LoggerFactory.getLogger(H2Durability.class);
  private static final Pattern WRITE_DELAY = Pattern.compile(";\\s*write_delay\\s*=\\s*(\\d+)");

  @Override
  public Object postProcessBeforeInitialization(Object bean, String beanName) {
    if (bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null) {
      apply(pool.getJdbcUrl(), pool::addDataSourceProperty);
    }
    return bean;
  }

  /** Passes WRITE_DELAY=0 to {@code property} for an H2 file URL that does not set it. */
  static void apply(String jdbcUrl, BiConsumer<String, Object> property) {
    String url = jdbcUrl.toLowerCase(Locale.ROOT);
    // jdbc:h2:file:x and jdbc:h2:x are files; memory and remote servers are not this process's to set
    boolean file = url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:mem:") && !url.startsWith("jdbc:h2:tcp:")
        && !url.startsWith("jdbc:h2:ssl:");
    if (!file) {
      return;
    }
    Matcher set = WRITE_DELAY.matcher(url);
    if (!set.find()) {
      property.accept("WRITE_DELAY", "0");
    } else if (!set.group(1).equals("0")) {
      log.warn("spring.datasource.url sets WRITE_DELAY={}: commits of the last {} ms are lost when the process"
          + " is killed, and deliveries sent in that time are sent again without being reported", set.group(1),
          set.group(1));
    }
  }
}
