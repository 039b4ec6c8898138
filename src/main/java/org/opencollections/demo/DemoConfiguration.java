package org.opencollections.demo;

import java.time.Clock;
import java.util.Optional;
import org.opencollections.access.DemoUsers;
import org.opencollections.compliance.ContactGovernor;
import org.opencollections.compliance.Holds;
import org.opencollections.intake.DebtQueries;
import org.opencollections.ledger.Payments;
import org.opencollections.portfolio.PortfolioImports;
import org.opencollections.simulation.SimulatedTime;
import org.opencollections.tasks.UserTasks;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code collections.demo.enabled=true}: the demo portfolio. It exists only where the demo users exist
 * (embedded mode, listening on loopback): its actors are those users, and its data must never sit beside a real
 * portfolio. Asked for anywhere else, the application refuses to start.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "collections.demo.enabled", havingValue = "true")
@EnableConfigurationProperties(DemoProperties.class)
class DemoConfiguration {

  @Bean
  DemoRun demoRun(
      Environment env, DemoProperties properties, PortfolioImports imports, SimulatedTime time, JdbcTemplate jdbc,
      Clock clock, UserTasks tasks, Payments payments, ContactGovernor governor, Holds holds, DebtQueries debts) {
    refusal(env).ifPresent(reason -> {
      throw new IllegalStateException(reason);
    });
    return new DemoRun(
        properties, imports, time, jdbc, clock, new DemoActors(tasks, payments, governor, holds, debts, clock));
  }

  /** Why the demo may not run with this configuration, if it may not. */
  static Optional<String> refusal(Environment env) {
    if (DemoUsers.exist(env)) {
      return Optional.empty();
    }
    return Optional.of(
        "collections.demo.enabled=true (bin/run --demo) is refused: the demo portfolio runs only in embedded mode"
            + " listening on a loopback address, where the demo users exist (collections.mode="
            + env.getProperty("collections.mode", "embedded") + ", server.address=" + env.getProperty("server.address")
            + "). Start without --demo, or in embedded mode on 127.0.0.1");
  }
}
