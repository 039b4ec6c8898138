package org.opencollections.platform;

import java.time.Clock;
import org.opencollections.process.EngineMode;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** One clock for the whole application: simulated (and movable) in embedded mode, the system's otherwise. */
@Configuration
public class ClockConfiguration {

  @Bean
  public Clock clock(Environment env) {
    return EngineMode.of(env).embedded() ? new SimulatedClock() : Clock.systemUTC();
  }
}
