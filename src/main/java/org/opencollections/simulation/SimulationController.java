package org.opencollections.simulation;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.opencollections.engine.EmbeddedEngine;
import org.opencollections.platform.SimulatedClock;
import org.opencollections.web.ConflictException;
import org.opencollections.web.InvalidInputException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Embedded mode only: moves the engine's clock and the application's clock forward together, so that
 * timers fire and days past due grow as they would over days and weeks.
 */
@RestController
class SimulationController {

  private static final Duration MAX_STEP = Duration.ofDays(3660);

  private final ObjectProvider<EmbeddedEngine> engine;
  private final Clock clock;

  SimulationController(ObjectProvider<EmbeddedEngine> engine, Clock clock) {
    this.engine = engine;
    this.clock = clock;
  }

  record Advance(@NotNull Duration advance) {}

  record ClockView(Instant now, Duration offset) {}

  @GetMapping("/api/simulation/clock")
  ClockView now() {
    return new ClockView(clock.instant(), clock instanceof SimulatedClock s ? s.offset() : Duration.ZERO);
  }

  @PostMapping("/api/simulation/clock")
  synchronized ClockView advance(@Valid @RequestBody Advance request) {
    EmbeddedEngine embedded = engine.getIfAvailable();
    if (embedded == null || !(clock instanceof SimulatedClock simulated)) {
      throw new ConflictException(
          "The clock can only be moved in embedded mode; a Camunda cluster runs on real time");
    }
    Duration step = request.advance();
    if (step.isNegative() || step.isZero() || step.compareTo(MAX_STEP) > 0) {
      throw new InvalidInputException("advance", "must be a positive ISO-8601 duration of at most 3660 days, e.g. P3D or PT12H");
    }
    simulated.advance(step);
    embedded.increaseTime(step);
    return now();
  }
}
