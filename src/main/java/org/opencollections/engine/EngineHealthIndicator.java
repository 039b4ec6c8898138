package org.opencollections.engine;

import org.opencollections.process.EngineMode;
import io.camunda.client.CamundaClient;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** "engine" in /actuator/health: the gateway answers a topology request. */
@Component("engine")
class EngineHealthIndicator implements HealthIndicator {

  private final CamundaClient client;
  private final EngineMode mode;

  EngineHealthIndicator(CamundaClient client, Environment env) {
    this.client = client;
    this.mode = EngineMode.of(env);
  }

  @Override
  public Health health() {
    try {
      var topology = client.newTopologyRequest().send().join(5, java.util.concurrent.TimeUnit.SECONDS);
      return Health.up()
          .withDetail("mode", mode.name().toLowerCase())
          .withDetail("brokers", topology.getBrokers().size())
          .withDetail("partitions", topology.getPartitionsCount())
          .build();
    } catch (RuntimeException e) {
      return Health.down(e).withDetail("mode", mode.name().toLowerCase()).build();
    }
  }
}
