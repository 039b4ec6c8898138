package org.opencollections.simulation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Value;
import org.opencollections.engine.EmbeddedEngine;
import org.opencollections.platform.SimulatedClock;
import org.opencollections.web.ConflictException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Embedded mode only: moves the engine's clock and the application's clock forward together, and keeps
 * the offset in the database so that simulated time goes on where it was after a restart.
 */
@Service
public class SimulatedTime implements SmartInitializingSingleton {

  private final ObjectProvider<EmbeddedEngine> engine;
  private final Clock clock;
  private final JdbcTemplate jdbc;
  private final Instant start;

  SimulatedTime(
      ObjectProvider<EmbeddedEngine> engine, Clock clock, JdbcTemplate jdbc,
      @Value("${collections.simulation.start:#{null}}") Instant start) {
    this.engine = engine;
    this.clock = clock;
    this.jdbc = jdbc;
    this.start = start;
  }

  /** On start-up, before cases are resumed: both clocks catch up with the recorded offset. */
  @Override
  public void afterSingletonsInstantiated() {
    EmbeddedEngine embedded = engine.getIfAvailable();
    if (embedded == null || !(clock instanceof SimulatedClock simulated)) {
      return;
    }
    Long seconds =
        jdbc.query("select offset_seconds from simulated_clock where id = 1", rs -> rs.next() ? rs.getLong(1) : null);
    if (seconds != null && seconds > 0) {
      Duration offset = Duration.ofSeconds(seconds);
      simulated.advance(offset);
      embedded.increaseTime(offset);
    } else if (start != null && start.isAfter(clock.instant())) {
      // a simulation that begins at a chosen moment (tests use it to run at a known time of day)
      advance(Duration.between(clock.instant(), start));
    }
  }

  @Transactional
  public synchronized Duration advance(Duration step) {
    EmbeddedEngine embedded = engine.getIfAvailable();
    if (embedded == null || !(clock instanceof SimulatedClock simulated)) {
      throw new ConflictException("The clock can only be moved in embedded mode; a Camunda cluster runs on real time");
    }
    simulated.advance(step);
    jdbc.update(
        "insert into simulated_clock (id, offset_seconds) values (1, ?)"
            + " on conflict (id) do update set offset_seconds = excluded.offset_seconds",
        simulated.offset().toSeconds());
    embedded.increaseTime(step);
    return simulated.offset();
  }

  /** Moves the clock once the engine has finished what is due now (what a person at the keyboard would wait for). */
  public Duration advanceWhenSettled(Duration step) {
    EmbeddedEngine embedded = engine.getIfAvailable();
    if (embedded != null) {
      embedded.awaitQuiet(Duration.ofMillis(300), Duration.ofSeconds(10));
    }
    return advance(step);
  }

  public Duration offset() {
    return clock instanceof SimulatedClock simulated ? simulated.offset() : Duration.ZERO;
  }
}
