package org.opencollections.simulation;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.opencollections.web.InvalidInputException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The simulated clock: timers fire and days past due grow as they would over days and weeks. */
@RestController
class SimulationController {

  private static final Duration MAX_STEP = Duration.ofDays(3660);

  private final SimulatedTime time;
  private final Clock clock;

  SimulationController(SimulatedTime time, Clock clock) {
    this.time = time;
    this.clock = clock;
  }

  record Advance(@NotNull Duration advance) {}

  record ClockView(Instant now, Duration offset) {}

  @GetMapping("/api/simulation/clock")
  ClockView now() {
    return new ClockView(clock.instant(), time.offset());
  }

  @PostMapping("/api/simulation/clock")
  ClockView advance(@Valid @RequestBody Advance request) {
    Duration step = request.advance();
    if (step.isNegative() || step.isZero() || step.compareTo(MAX_STEP) > 0) {
      throw new InvalidInputException(
          "advance", "must be a positive ISO-8601 duration of at most 3660 days, e.g. P3D or PT12H");
    }
    time.advance(step);
    return now();
  }
}
