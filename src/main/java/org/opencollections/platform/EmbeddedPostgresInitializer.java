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
                    "spring.datasource.password", "postgres")));
    LOG.info("Embedded PostgreSQL on port {} with data in {}", postgres.getPort(), dataDir);
  }

  private static EmbeddedPostgres start(Path dataDir, int port, boolean durable) {
    try {
      Files.createDirectories(dataDir);
      EmbeddedPostgres.Builder builder =
          EmbeddedPostgres.builder()
              .setDataDirectory(dataDir)
              .setCleanDataDirectory(false)
              .setServerConfig("listen_addresses", "127.0.0.1")
              .setServerConfig("fsync", durable ? "on" : "off")
              .setServerConfig("synchronous_commit", durable ? "on" : "off")
              .setServerConfig("full_page_writes", durable ? "on" : "off")
              .setServerConfig("max_connections", "100");
      if (port > 0) {
        builder.setPort(port);
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
