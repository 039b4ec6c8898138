package org.opencollections.casefile;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * "startup" in /actuator/health and the readiness probe: OUT_OF_SERVICE until the start-up round has given
 * every open case its instance. (The engine has replayed its log and the models are deployed before the
 * application context exists at all.)
 */
@Component("startup")
class StartupHealth implements HealthIndicator {

  private final CaseStarter starter;

  StartupHealth(CaseStarter starter) {
    this.starter = starter;
  }

  @Override
  public Health health() {
    return starter.startupDone()
        ? Health.up().build()
        : Health.outOfService().withDetail("waitingFor", "open cases without a process instance to be started").build();
  }
}
