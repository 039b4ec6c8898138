package org.opencollections.engine;

import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * In embedded mode, starts Zeebe Process Test's in-process engine before any client bean exists and
 * points the Camunda client at it. In cluster mode it does nothing: the camunda.client.* properties
 * then name the cluster.
 */
public class EmbeddedEngineInitializer
    implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedEngineInitializer.class);

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    ConfigurableEnvironment env = context.getEnvironment();
    if (!EngineMode.of(env).embedded()) {
      return;
    }
    int port = env.getProperty("collections.engine.port", Integer.class, 26500);
    EmbeddedEngine engine = EmbeddedEngine.start(port);
    context.getBeanFactory().registerSingleton("embeddedEngine", engine);
    ((DefaultSingletonBeanRegistry) context.getBeanFactory()).registerDisposableBean("embeddedEngine", engine);

    Map<String, Object> client = new HashMap<>();
    client.put("camunda.client.mode", "self-managed");
    client.put("camunda.client.grpc-address", "http://127.0.0.1:" + engine.port());
    // The in-process engine has no REST gateway; this address must not be Tomcat's port.
    client.put("camunda.client.rest-address", "http://127.0.0.1:" + engine.port());
    client.put("camunda.client.prefer-rest-over-grpc", false);
    env.getPropertySources().addFirst(new MapPropertySource("embeddedEngine", client));
    LOG.info("In-process Zeebe engine listening on 127.0.0.1:{}", engine.port());
  }
}
