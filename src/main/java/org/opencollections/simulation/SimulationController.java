package org.opencollections.simulation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.opencollections.platform.InvalidInputException;
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

  /** Either {@code advance} (an ISO-8601 duration) or {@code to} (a moment in the simulated future). */
  record Advance(Duration advance, OffsetDateTime to) {}

  record ClockView(Instant now, Duration offset) {}

  @GetMapping("/api/simulation/clock")
  ClockView now() {
    return new ClockView(clock.instant(), time.offset());
  }

  @PostMapping("/api/simulation/clock")
  ClockView advance(@RequestBody Advance request) {
    if ((request.advance() == null) == (request.to() == null)) {
      throw new InvalidInputException("advance", "give either advance (e.g. P3D) or to (e.g. 2027-03-01T10:00:00-05:00)");
    }
    Duration step = request.advance() != null ? request.advance() : Duration.between(clock.instant(), request.to().toInstant());
    String field = request.advance() != null ? "advance" : "to";
    if (step.isNegative() || step.isZero() || step.compareTo(MAX_STEP) > 0) {
      throw new InvalidInputException(
          field, "must move the clock forward by at most 3660 days (it never goes back), e.g. P3D or PT12H");
    }
    time.advanceWhenSettled(clock.instant().plus(step));
    return now();
  }
}
