package org.opencollections.simulation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Value;
import org.opencollections.engine.embedded.EmbeddedEngine;
import org.opencollections.platform.SimulatedClock;
import org.opencollections.platform.ConflictException;
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

  /**
   * On start-up, before cases are resumed: the application's clock catches up with the recorded offset. The
   * engine keeps its own offset in its data directory (it runs before the database is read); should one of
   * the two be behind (a crash between writing them), both go to the later one: time never goes back.
   */
  @Override
  public void afterSingletonsInstantiated() {
    EmbeddedEngine embedded = engine.getIfAvailable();
    if (embedded == null || !(clock instanceof SimulatedClock simulated)) {
      return;
    }
    Long seconds =
        jdbc.query("select offset_seconds from simulated_clock where id = 1", rs -> rs.next() ? rs.getLong(1) : null);
    Duration recorded = seconds == null ? Duration.ZERO : Duration.ofSeconds(seconds);
    Duration engineOffset = embedded.clockOffset();
    Duration offset = recorded.compareTo(engineOffset) >= 0 ? recorded : engineOffset;
    if (offset.isPositive()) {
      simulated.advance(offset);
      if (engineOffset.compareTo(offset) < 0) {
        embedded.increaseTime(offset.minus(engineOffset));
      }
      if (recorded.compareTo(offset) < 0) {
        store(offset);
      }
    } else if (start != null && start.isAfter(clock.instant())) {
      // a simulation that begins at a chosen moment (tests use it to run at a known time of day)
      advance(Duration.between(clock.instant(), start));
    }
  }

  /** Moves both clocks forward: the engine's first (it keeps its offset on disk), then the application's. */
  @Transactional
  public synchronized Duration advance(Duration step) {
    EmbeddedEngine embedded = engine.getIfAvailable();
    if (embedded == null || !(clock instanceof SimulatedClock simulated)) {
      throw new ConflictException("The clock can only be moved in embedded mode; a Camunda cluster runs on real time");
    }
    embedded.increaseTime(step);
    simulated.advance(step);
    store(simulated.offset());
    return simulated.offset();
  }

  /**
   * Moves the clock to {@code target} once the engine has finished what is due now (what a person at the
   * keyboard would wait for); the step is measured after that wait, so the clock lands on the moment asked.
   * Nothing moves if the wait already took the clock past it.
   */
  public Duration advanceWhenSettled(Instant target) {
    EmbeddedEngine embedded = engine.getIfAvailable();
    if (embedded != null) {
      embedded.awaitQuiet(Duration.ofMillis(300), Duration.ofSeconds(10));
    }
    Duration step = Duration.between(clock.instant(), target);
    return step.isPositive() ? advance(step) : offset();
  }

  private void store(Duration offset) {
    jdbc.update(
        "insert into simulated_clock (id, offset_seconds) values (1, ?)"
            + " on conflict (id) do update set offset_seconds = excluded.offset_seconds",
        offset.toSeconds());
  }

  public Duration offset() {
    return clock instanceof SimulatedClock simulated ? simulated.offset() : Duration.ZERO;
  }
}
