package org.opencollections.demo;

import jakarta.annotation.PreDestroy;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.opencollections.portfolio.ImportFormat;
import org.opencollections.portfolio.ImportState;
import org.opencollections.portfolio.ImportView;
import org.opencollections.portfolio.PortfolioImports;
import org.opencollections.simulation.SimulatedTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Loads the demo portfolio once the application is up and then plays its weeks, on a thread of its own: the
 * application is ready at once and its views fill in as the simulated days pass. The portfolio goes through the
 * real import ({@code PortfolioImports}, as {@code POST /api/portfolio/imports}); the clock moves as
 * {@code POST /api/simulation/clock} moves it. A failure is logged and ends the demo, never the application.
 */
final class DemoRun {

  private static final Logger LOG = LoggerFactory.getLogger(DemoRun.class);
  /** The import's submitter, as recorded on the import: the demo supervisor (importing is a supervisor's right). */
  static final String IMPORTED_BY = "supervisor";
  /** No case started for this long: the demo gives up waiting (the import goes on by itself). */
  private static final Duration STALLED = Duration.ofMinutes(5);

  private final DemoProperties properties;
  private final PortfolioImports imports;
  private final SimulatedTime time;
  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final DemoActors actors;
  private final CompletableFuture<Summary> finished = new CompletableFuture<>();
  private volatile Thread thread;

  /** What the demo did; {@code skipped} when the data directory held a demo portfolio already. */
  record Summary(boolean skipped, UUID importId, int debts, Duration loading, Duration days) {}

  DemoRun(DemoProperties properties, PortfolioImports imports, SimulatedTime time, JdbcTemplate jdbc, Clock clock,
      DemoActors actors) {
    this.properties = properties;
    this.imports = imports;
    this.time = time;
    this.jdbc = jdbc;
    this.clock = clock;
    this.actors = actors;
  }

  @EventListener(ApplicationReadyEvent.class)
  void start() {
    LOG.info("demo: loading {} generated debtors and playing {} simulated weeks in the background; the workbench"
        + " views fill in as the days pass (watch for 'demo: done')", properties.debtors(), properties.weeks());
    thread = Thread.ofPlatform().name("demo").daemon().start(this::runAndReport);
  }

  /** Completes when the demo is done (or failed, or was skipped). */
  CompletableFuture<Summary> finished() {
    return finished;
  }

  @PreDestroy
  void stop() throws InterruptedException {
    Thread t = thread;
    if (t != null) {
      t.interrupt();
      t.join(Duration.ofSeconds(10));
    }
  }

  private void runAndReport() {
    try {
      finished.complete(run());
    } catch (InterruptedException e) {
      LOG.info("demo: stopped with the application");
      finished.completeExceptionally(e);
    } catch (RuntimeException e) {
      LOG.error("demo: failed, the application goes on with what was loaded so far: {}", e.toString(), e);
      finished.completeExceptionally(e);
    }
  }

  private Summary run() throws InterruptedException {
    Integer existing = jdbc.queryForObject("select count(*) from debt where external_ref like 'DEMO-%'", Integer.class);
    if (existing != null && existing > 0) {
      LOG.info("demo: the data directory holds a demo portfolio already ({} debts): nothing is loaded or played again"
          + " (start on a new data directory, e.g. rm -rf data, for a fresh one)", existing);
      return new Summary(true, null, existing, Duration.ZERO, Duration.ZERO);
    }
    long began = System.nanoTime();
    moveToDaytime();
    UUID importId = submit();
    int debts = awaitCasesStarted(importId);
    awaitFirstSteps(importId);
    Duration loading = Duration.ofNanos(System.nanoTime() - began);
    LOG.info("demo: {} debts loaded and their cases through their first steps in {} s", debts, loading.toSeconds());

    long daysBegan = System.nanoTime();
    int days = properties.weeks() * 7;
    Random random = new Random(properties.seed() * 31 + 7);
    for (int day = 1; day <= days; day++) {
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedException();
      }
      DemoActors.Day report = actors.act(day, openCases(importId), random);
      time.advanceWhenSettled(clock.instant().plus(Duration.ofDays(1)));
      LOG.info("demo: day {}/{} ({}): {}", day, days, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC), report);
    }
    Duration playing = Duration.ofNanos(System.nanoTime() - daysBegan);
    LOG.info("demo: done: {} debts loaded in {} s, {} simulated days played in {} s; stages now {}", debts,
        loading.toSeconds(), days, playing.toSeconds(), stages(importId));
    return new Summary(false, importId, debts, loading, playing);
  }

  /**
   * Contact hours are local: the demo's days begin at 15:00 UTC (10:00 in New York, 07:00 in California, 20:30
   * in India), so some contacts are made at once and others are deferred to the debtor's morning.
   */
  private void moveToDaytime() {
    Instant now = clock.instant();
    int hour = now.atOffset(ZoneOffset.UTC).getHour();
    if (hour < 13 || hour >= 17) {
      Instant target = now.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(15));
      time.advanceWhenSettled(target.isAfter(now) ? target : target.plus(Duration.ofDays(1)));
      LOG.info("demo: simulated clock moved to {}", clock.instant());
    }
  }

  private UUID submit() {
    ByteArrayOutputStream csv = new ByteArrayOutputStream();
    int rows = DemoPortfolio.write(
        new OutputStreamWriter(csv, StandardCharsets.UTF_8), properties.debtors(), properties.seed(),
        LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
    try {
      ImportView accepted = imports.submit(
          ImportFormat.CSV, new ByteArrayInputStream(csv.toByteArray()), StandardCharsets.UTF_8, IMPORTED_BY);
      LOG.info("demo: portfolio import {} submitted: {} debts of {} debtors", accepted.id(), rows, properties.debtors());
      return accepted.id();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Waits for the import to store every row and start every case, logging its progress. */
  private int awaitCasesStarted(UUID importId) throws InterruptedException {
    long lastLog = 0;
    long lastStarted = -1;
    long progressAt = System.nanoTime();
    while (true) {
      ImportView view = imports.view(importId, 0, 0);
      if (view.state() == ImportState.FAILED) {
        throw new IllegalStateException("the demo portfolio's import " + importId + " failed: " + view.failure());
      }
      if (view.casesStarted() != lastStarted) {
        lastStarted = view.casesStarted();
        progressAt = System.nanoTime();
      } else if (System.nanoTime() - progressAt > STALLED.toNanos()) {
        throw new IllegalStateException("no case of the demo portfolio started for " + STALLED.toMinutes()
            + " minutes (" + view.casesStarted() + "/" + view.imported() + "); the import goes on by itself");
      }
      if (view.state() == ImportState.COMPLETED) {
        if (view.rejected() > 0) {
          LOG.warn("demo: {} generated rows were rejected (see GET /api/portfolio/imports/{})", view.rejected(), importId);
        }
        LOG.info("demo: {}/{} cases started", view.casesStarted(), view.imported());
        return view.imported();
      }
      if (System.nanoTime() - lastLog > Duration.ofSeconds(5).toNanos()) {
        LOG.info("demo: {}/{} cases started ({})", view.casesStarted(), Math.max(view.imported(), view.rowsRead()), view.state());
        lastLog = System.nanoTime();
      }
      Thread.sleep(500);
    }
  }

  /** Waits until no case of the import is still in intake or segmentation (the workers' first steps). */
  private void awaitFirstSteps(UUID importId) throws InterruptedException {
    long deadline = System.nanoTime() + STALLED.toNanos();
    while (System.nanoTime() < deadline) {
      Integer waiting = jdbc.queryForObject(
          "select count(*) from debt where import_id = ? and stage in ('INTAKE', 'SEGMENTATION')", Integer.class, importId);
      if (waiting == null || waiting == 0) {
        return;
      }
      Thread.sleep(500);
    }
    LOG.warn("demo: some cases are still in their first steps after {} minutes; the days begin anyway", STALLED.toMinutes());
  }

  private List<UUID> openCases(UUID importId) {
    return jdbc.queryForList(
        "select id from debt where import_id = ? and status = 'OPEN' order by import_line", UUID.class, importId);
  }

  private String stages(UUID importId) {
    return jdbc.query(
        "select stage, count(*) from debt where import_id = ? group by stage order by stage",
        rs -> {
          StringBuilder out = new StringBuilder();
          while (rs.next()) {
            out.append(out.isEmpty() ? "" : ", ").append(rs.getString(1)).append(' ').append(rs.getInt(2));
          }
          return out.toString();
        },
        importId);
  }
}
