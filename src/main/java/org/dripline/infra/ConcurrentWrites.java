package org.dripline.infra;

import java.util.function.Supplier;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Idempotent set-based writes (INSERT ... WHERE NOT EXISTS) from two instances at once can still
 * collide: one gets a duplicate key, or MySQL picks a deadlock victim. Both mean "someone else
 * wrote it first"; running the same idempotent write again in a fresh transaction settles it.
 */
public final class ConcurrentWrites {

  private static final int ATTEMPTS = 5;

  private final TransactionTemplate transaction;

  public ConcurrentWrites(PlatformTransactionManager transactionManager) {
    this.transaction = new TransactionTemplate(transactionManager);
    this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  public <T> T run(Supplier<T> idempotentWrite) {
    for (int attempt = 1; ; attempt++) {
      try {
        return transaction.execute(status -> idempotentWrite.get());
      } catch (DuplicateKeyException | ConcurrencyFailureException | org.springframework.jdbc.UncategorizedSQLException e) {
        if (!collided(e) || attempt >= ATTEMPTS) {
          throw e;
        }
        try {
          Thread.sleep(10L * attempt);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /**
   * MariaDB's error 1467 ("Failed to read auto-increment value from storage engine") comes from
   * two INSERT ... SELECT statements into one table at the same moment, uncategorised by Spring:
   * a collision like the others, settled by running the idempotent write again.
   */
  private static boolean collided(RuntimeException e) {
    if (!(e instanceof org.springframework.jdbc.UncategorizedSQLException uncategorized)) {
      return true;
    }
    return uncategorized.getSQLException() != null && uncategorized.getSQLException().getErrorCode() == 1467;
  }
}
