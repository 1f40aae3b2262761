package org.dripline.infra;

import com.zaxxer.hikari.HikariDataSource;
import java.util.Locale;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Lets a process start while another one lets go of the shared H2 file. With {@code AUTO_SERVER}
 * the first process to open the file serves it to the others; when that process exits (a short
 * command such as {@code dkim-record} or {@code jobs}) just as another starts, the newcomer finds
 * the lock file still there and its server already gone, and H2 answers "Locked by another
 * process" (90020). A {@code serve} started next to a finishing command failed its start that
 * way, 1 time in 4. The pool now retries its first connection, once a second, for up to
 * {@value #HANDOVER_MILLIS} ms (Hikari's {@code initializationFailTimeout}; the attempt under way
 * when the time runs out finishes first). A timeout set with
 * {@code spring.datasource.hikari.initialization-fail-timeout} wins, unless it is Hikari's own
 * default of 1 ms, which cannot be told from no setting.
 */
@Component
class H2FileHandover implements BeanPostProcessor {

  static final long HANDOVER_MILLIS = 10_000;

  /** Hikari's own default: one attempt, then fail. */
  private static final long HIKARI_DEFAULT = 1;

  @Override
  public Object postProcessBeforeInitialization(Object bean, String beanName) {
    if (bean instanceof HikariDataSource pool && shared(pool.getJdbcUrl())
        && pool.getInitializationFailTimeout() == HIKARI_DEFAULT) {
      pool.setInitializationFailTimeout(HANDOVER_MILLIS);
    }
    return bean;
  }

  /** An H2 file that other processes open too (only then is there a server to hand over). */
  static boolean shared(String jdbcUrl) {
    if (jdbcUrl == null) {
      return false;
    }
    String url = jdbcUrl.toLowerCase(Locale.ROOT).replace(" ", "");
    return url.startsWith("jdbc:h2:") && url.contains(";auto_server=true");
  }
}
