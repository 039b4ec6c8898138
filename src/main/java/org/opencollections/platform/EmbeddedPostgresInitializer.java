package org.opencollections.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts a real PostgreSQL from embedded binaries when no datasource is configured, before any bean exists.
 *
 * <p>Pointing {@code spring.datasource.url} at another PostgreSQL switches this off. The data directory
 * survives restarts, and fsync stays on: a committed payment must survive a crash.
 */
public class EmbeddedPostgresInitializer
    implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresInitializer.class);

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    ConfigurableEnvironment env = context.getEnvironment();
    if (env.getProperty("spring.datasource.url") != null) {
      return;
    }
    Path dataDir = Path.of(env.getProperty("collections.postgres.data-dir", "./data/postgres")).toAbsolutePath();
    int port = env.getProperty("collections.postgres.port", Integer.class, 0);
    boolean durable = env.getProperty("collections.postgres.durable", Boolean.class, true);
    FileLock lock = lockDataDir(dataDir);
    stopOrphan(dataDir);
    EmbeddedPostgres postgres;
    try {
      postgres = start(dataDir, port, durable);
    } catch (RuntimeException e) {
      release(lock);
      throw e;
    }
    String password;
    try {
      password = secure(postgres, dataDir);
    } catch (RuntimeException e) {
      try {
        postgres.close();
      } catch (IOException closing) {
        e.addSuppressed(closing);
      }
      release(lock);
      throw e;
    }
    Handle handle = new Handle(postgres, lock);
    context.getBeanFactory().registerSingleton("embeddedPostgres", handle);
    // registered first, destroyed last: PostgreSQL stops after every bean that uses it
    ((DefaultSingletonBeanRegistry) context.getBeanFactory()).registerDisposableBean("embeddedPostgres", handle);
    env.getPropertySources()
        .addFirst(
            new MapPropertySource(
                "embeddedPostgres",
                Map.of(
                    "spring.datasource.url", postgres.getJdbcUrl("postgres", "postgres"),
                    "spring.datasource.username", "postgres",
                    "spring.datasource.password", password)));
    LOG.info("Embedded PostgreSQL on port {} with data in {}", postgres.getPort(), dataDir);
  }

  static final String PASSWORD_FILE = "collections-password";

  /**
   * No passwordless database: the embedded binaries create a cluster that trusts every local connection, so
   * on every start the superuser gets the password kept in {@code <data-dir>/collections-password} (generated
   * once, readable by the owner only) and {@code pg_hba.conf} is replaced by one that asks every connection,
   * local or TCP, for it (SCRAM-SHA-256). Done on every start, so a start cut off half-way is finished by the
   * next, and a data directory from an older version is secured on its first start.
   */
  static String secure(EmbeddedPostgres postgres, Path dataDir) {
    Path file = dataDir.resolve(PASSWORD_FILE);
    try {
      String password;
      if (Files.exists(file)) {
        password = Files.readString(file).strip();
      } else {
        byte[] random = new byte[24];
        new java.security.SecureRandom().nextBytes(random);
        password = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Path tmp = dataDir.resolve(PASSWORD_FILE + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, password);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      }
      Path hba = dataDir.resolve("pg_hba.conf");
      String wanted =
          "# written by the application on every start: every connection needs the password in " + PASSWORD_FILE + "\n"
              + "local all all scram-sha-256\n"
              + "host  all all 127.0.0.1/32 scram-sha-256\n"
              + "host  all all ::1/128 scram-sha-256\n";
      var source = new org.postgresql.ds.PGSimpleDataSource();
      source.setUrl(postgres.getJdbcUrl("postgres", "postgres"));
      source.setUser("postgres");
      source.setPassword(password);
      try (var connection = source.getConnection(); var statement = connection.createStatement()) {
        statement.execute("set password_encryption = 'scram-sha-256'");
        // the password is generated (URL-safe Base64): nothing in it needs quoting beyond the quotes
        statement.execute("alter role postgres with password '" + password + "'");
        if (!Files.exists(hba) || !Files.readString(hba).equals(wanted)) {
          Files.writeString(hba, wanted);
          statement.execute("select pg_reload_conf()");
          LOG.info("Embedded PostgreSQL now asks every connection for its password ({} in its data directory)", PASSWORD_FILE);
        }
      }
      return password;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not keep the embedded PostgreSQL's password in " + file, e);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(
          "Could not set the embedded PostgreSQL's password (is " + file + " the one it was given?): " + e.getMessage(), e);
    }
  }

  private static EmbeddedPostgres start(Path dataDir, int port, boolean durable) {
    try {
      Files.createDirectories(dataDir);
      EmbeddedPostgres.Builder builder =
          EmbeddedPostgres.builder()
              .setDataDirectory(dataDir)
              .setCleanDataDirectory(false)
              // stopped by the context (Handle), after the beans that still use it while they close: its own
              // JVM shutdown hook would race the context's and stop it under them (the outbox registry asks
              // the database for undelivered events as it closes)
              .setRegisterShutdownHook(false)
              .setServerConfig("listen_addresses", "127.0.0.1")
              .setServerConfig("fsync", durable ? "on" : "off")
              .setServerConfig("synchronous_commit", durable ? "on" : "off")
              .setServerConfig("full_page_writes", durable ? "on" : "off")
              .setServerConfig("max_connections", "100");
      if (port > 0) {
        builder.setPort(port);
      }
      Path password = dataDir.resolve(PASSWORD_FILE);
      if (Files.exists(password)) { // secured before: its start-up check connects with the password
        builder.setConnectConfig("password", Files.readString(password).strip());
      }
      return builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Could not start the embedded PostgreSQL in " + dataDir
              + " (is another instance of the application using it?)",
          e);
    }
  }

  /**
   * Only one application uses a data directory: it holds a lock on {@code <data-dir>.lock} for as long as it
   * runs. The operating system releases the lock when the process ends, however it ends.
   */
  private static FileLock lockDataDir(Path dataDir) {
    Path lockFile = dataDir.resolveSibling(dataDir.getFileName() + ".lock");
    try {
      Files.createDirectories(dataDir);
      FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        channel.close();
        throw new IllegalStateException(
            "Another instance of the application is using the database in " + dataDir + " (" + lockFile + " is locked)");
      }
      return lock;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not lock " + lockFile, e);
    }
  }

  /**
   * A PostgreSQL still running on our data directory while we hold its lock was left behind by an application
   * that was killed (kill -9, a crash): PostgreSQL runs in a process of its own and outlives it. It is asked to
   * stop (it has no clients left), and killed if it does not; PostgreSQL then recovers from its WAL.
   */
  private static void stopOrphan(Path dataDir) {
    Path pidFile = dataDir.resolve("postmaster.pid");
    long pid;
    try {
      if (!Files.exists(pidFile)) {
        return;
      }
      pid = Long.parseLong(Files.readAllLines(pidFile).getFirst().trim());
    } catch (IOException | RuntimeException e) {
      return; // unreadable or empty: PostgreSQL itself decides whether it is stale
    }
    ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false))
        .ifPresent(
            orphan -> {
              LOG.warn("Stopping the PostgreSQL (pid {}) that an earlier run of the application left on {}", pid, dataDir);
              orphan.destroy();
              try {
                orphan.onExit().get(30, TimeUnit.SECONDS);
              } catch (TimeoutException e) {
                orphan.destroyForcibly();
                orphan.onExit().join();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } catch (ExecutionException e) {
                throw new IllegalStateException(e);
              }
            });
  }

  private static void release(FileLock lock) {
    try {
      lock.channel().close();
    } catch (IOException e) {
      LOG.warn("Could not release {}", lock, e);
    }
  }

  /** Stops PostgreSQL when the context closes, after the beans that use it, and lets go of the data directory. */
  record Handle(EmbeddedPostgres postgres, FileLock lock) implements org.springframework.beans.factory.DisposableBean {
    @Override
    public void destroy() throws IOException {
      try {
        postgres.close();
      } finally {
        release(lock);
      }
    }
  }
}
