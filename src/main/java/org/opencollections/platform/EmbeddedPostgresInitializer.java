package org.opencollections.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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
    EmbeddedPostgres postgres = start(dataDir, port, durable);
    Handle handle = new Handle(postgres);
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

  /** Stops PostgreSQL when the context closes, after the beans that use it. */
  record Handle(EmbeddedPostgres postgres) implements org.springframework.beans.factory.DisposableBean {
    @Override
    public void destroy() throws IOException {
      postgres.close();
    }
  }
}
