package org.opencollections.access;

import java.util.Map;
import org.opencollections.process.EngineMode;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Embedded mode listens on loopback unless told otherwise ({@code server.address}): it is a trial or a single
 * machine's installation, and its demo users have public passwords. A cluster deployment (a container) keeps
 * Spring Boot's default of every interface.
 */
public class LoopbackByDefault implements EnvironmentPostProcessor {

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
    if (EngineMode.of(env).embedded() && env.getProperty("server.address") == null) {
      env.getPropertySources().addLast(new MapPropertySource("embeddedLoopback", Map.of("server.address", "127.0.0.1")));
    }
  }
}
