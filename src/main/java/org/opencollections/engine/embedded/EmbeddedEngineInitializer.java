package org.opencollections.engine.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.opencollections.process.EngineMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.unit.DataSize;

/**
 * In embedded mode, opens the engine on its data directory before any client bean exists (replaying its log
 * if it has to) and points the Camunda client at it. In cluster mode it does nothing: the camunda.client.*
 * properties then name the cluster.
 */
public class EmbeddedEngineInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedEngineInitializer.class);

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    ConfigurableEnvironment env = context.getEnvironment();
    if (!EngineMode.of(env).embedded()) {
      return;
    }
    EmbeddedEngine engine = EmbeddedEngine.start(settings(env));
    context.getBeanFactory().registerSingleton("embeddedEngine", engine);
    ((DefaultSingletonBeanRegistry) context.getBeanFactory()).registerDisposableBean("embeddedEngine", engine);

    Map<String, Object> client = new HashMap<>();
    client.put("camunda.client.mode", "self-managed");
    client.put("camunda.client.grpc-address", "http://127.0.0.1:" + engine.port());
    // The engine has no REST gateway; this address must not be Tomcat's port.
    client.put("camunda.client.rest-address", "http://127.0.0.1:" + engine.port());
    client.put("camunda.client.prefer-rest-over-grpc", false);
    env.getPropertySources().addFirst(new MapPropertySource("embeddedEngine", client));
    LOG.info("Embedded Zeebe engine on 127.0.0.1:{}, data in {}", engine.port(), settings(env).dataDir());
  }

  static EmbeddedEngine.Settings settings(ConfigurableEnvironment env) {
    return new EmbeddedEngine.Settings(
        Path.of(env.getProperty("collections.engine.data-dir", "./data/engine")).toAbsolutePath().normalize(),
        env.getProperty("collections.engine.port", Integer.class, 26500),
        env.getProperty("collections.engine.fsync", Boolean.class, true),
        env.getProperty("collections.engine.snapshot-period", Duration.class, Duration.ofMinutes(5)),
        env.getProperty("collections.engine.log-segment-size", DataSize.class, DataSize.ofMegabytes(64)).toBytes(),
        env.getProperty("collections.engine.state-memory", DataSize.class, DataSize.ofMegabytes(128)).toBytes(),
        env.getProperty("collections.engine.start-timeout", Duration.class, Duration.ofMinutes(15)));
  }
}
