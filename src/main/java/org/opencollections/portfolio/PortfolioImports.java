package org.opencollections.portfolio;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PreDestroy;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.opencollections.casefile.CaseBacklog;
import org.opencollections.casefile.CaseStarter;
import org.opencollections.platform.InvalidInputException;
import org.opencollections.platform.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Portfolio imports: the body is spooled to a file, then its rows are validated and stored in chunks on
 * one background thread, and the new cases are started on another, at the pace the engine accepts. Every
 * step is recorded in PostgreSQL, so after a restart storing goes on after the last committed line and
 * case starting goes on with the debts that have no process yet.
 */
@Service
public class PortfolioImports {

  private static final Logger LOG = LoggerFactory.getLogger(PortfolioImports.class);
  private static final TypeReference<List<String>> REASONS = new TypeReference<>() {};

  private final JdbcTemplate jdbc;
  private final ObjectMapper json;
  private final RowValidator validator;
  private final ImportStore store;
  private final CaseStarter starter;
  private final Clock clock;
  private final Path spoolDir;
  private final int chunkRows;
  private final ExecutorService storing =
      Executors.newSingleThreadExecutor(Thread.ofPlatform().name("portfolio-store").factory());
  private final ExecutorService writer =
      Executors.newSingleThreadExecutor(Thread.ofPlatform().name("portfolio-write").factory());
  private final ExecutorService starting =
      Executors.newSingleThreadExecutor(Thread.ofPlatform().name("portfolio-cases").factory());
  /** Imports waiting for or in case starting, so the periodic check does not queue one twice. */
  private final Set<UUID> startQueued = ConcurrentHashMap.newKeySet();

  PortfolioImports(
      JdbcTemplate jdbc, ObjectMapper json, RowValidator validator, ImportStore store, CaseStarter starter,
      Clock clock,
      @Value("${collections.portfolio.spool-dir}") Path spoolDir,
      @Value("${collections.portfolio.chunk-rows:5000}") int chunkRows) {
    this.jdbc = jdbc;
    this.json = json;
    this.validator = validator;
    this.store = store;
    this.starter = starter;
    this.clock = clock;
    this.spoolDir = spoolDir.toAbsolutePath();
    this.chunkRows = chunkRows;
  }

  /**
   * Spools the body and queues the import. A CSV header that does not fit, or a body without a row, is
   * refused at once and nothing is kept.
   *
   * @param charset the body's charset if the request named one (UTF-8 otherwise)
   */
  public ImportView submit(ImportFormat format, InputStream body, Charset charset, String submittedBy) throws IOException {
    UUID id = UUID.randomUUID();
    Files.createDirectories(spoolDir);
    Path spool = spoolDir.resolve(id + "." + format.extension());
    Path partial = spoolDir.resolve(id + "." + format.extension() + ".part");
    try {
      if (charset == null || charset.equals(StandardCharsets.UTF_8)) {
        Files.copy(body, partial, StandardCopyOption.REPLACE_EXISTING);
      } else {
        try (Reader in = new InputStreamReader(body, charset);
            BufferedWriter out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
          in.transferTo(out);
        }
      }
      checkHasRows(format, partial);
      Files.move(partial, spool, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(partial);
      if (e instanceof InvalidImportException invalid) {
        throw new InvalidInputException("body", invalid.getMessage());
      }
      throw e;
    }
    jdbc.update(
        "insert into portfolio_import (id, format, state, spool_file, submitted_by, received_at) values (?, ?, ?, ?, ?, ?)",
        id, format.name(), ImportState.RECEIVED.name(), spool.toString(), submittedBy, Timestamp.from(clock.instant()));
    storing.execute(() -> store(id));
    return view(id, 0, 0);
  }

  /** Reads only as far as the header and the first row. */
  private void checkHasRows(ImportFormat format, Path file) throws IOException {
    try (RowSource rows = open(format, file, 0)) {
      if (rows.next() == null) {
        throw new InvalidImportException(
            format == ImportFormat.CSV
                ? "The file has no rows: after the header line " + String.join(",", CsvRows.COLUMNS) + " comes one debt a line"
                : "The body is empty: send one JSON object a line, each like the body of POST /api/debts");
      }
    }
  }

  private RowSource open(ImportFormat format, Path file, int linesDone) throws IOException {
    // bytes that are not UTF-8 become U+FFFD instead of failing the whole file: the row that holds them is
    // rejected with its reason (RowValidator), the others are stored
    var decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(java.nio.charset.CodingErrorAction.REPLACE)
        .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPLACE);
    Lines lines = new Lines(new java.io.BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder)));
    try {
      return format == ImportFormat.CSV ? CsvRows.open(lines, linesDone) : new JsonLines(lines, json, linesDone);
    } catch (IOException | RuntimeException e) {
      lines.close();
      throw e;
    }
  }

  /** Validates and stores every row after the last committed line, a chunk a transaction. */
  void store(UUID id) {
    Stored imp = load(id);
    if (imp.state() != ImportState.RECEIVED && imp.state() != ImportState.STORING) {
      return;
    }
    jdbc.update(
        "update portfolio_import set state = ?, storing_started_at = coalesce(storing_started_at, ?) where id = ?",
        ImportState.STORING.name(), Timestamp.from(clock.instant()), id);
    int linesDone = imp.linesDone();
    try (RowSource rows = open(imp.format(), imp.spool(), linesDone)) {
      List<ImportStore.Checked> chunk = new ArrayList<>(chunkRows);
      long began = System.nanoTime();
      // a chunk is read, checked and prepared while the one before it is copied: CPU here, PostgreSQL there
      ImportStore.Prepared previous = null;
      Future<?> writing = null;
      long waited = 0;
      Row row;
      while ((row = rows.next()) != null) {
        chunk.add(new ImportStore.Checked(row, validator.reasons(row)));
        linesDone = row.lastLine();
        if (chunk.size() == chunkRows) {
          ImportStore.Prepared prepared = store.prepare(id, imp.submittedBy(), chunk, linesDone, previous);
          long wait = System.nanoTime();
          awaitWritten(writing);
          waited += System.nanoTime() - wait;
          writing = writer.submit(() -> store.store(prepared));
          previous = prepared;
          chunk = new ArrayList<>(chunkRows);
          if (Thread.currentThread().isInterrupted()) {
            awaitWritten(writing);
            LOG.info("Import {} stops at line {}; it goes on after a restart", id, linesDone);
            return;
          }
        }
      }
      ImportStore.Prepared last = store.prepare(id, imp.submittedBy(), chunk, linesDone, previous);
      awaitWritten(writing);
      awaitWritten(writer.submit(() -> store.store(last)));
      LOG.info(
          "Import {}: every row stored or rejected in {} ms (reading, checking and preparing waited {} ms for the"
              + " database)",
          id, (System.nanoTime() - began) / 1_000_000, waited / 1_000_000);
    } catch (IOException | RuntimeException e) {
      LOG.warn("Import {} failed after line {}", id, linesDone, e);
      jdbc.update(
          "update portfolio_import set state = ?, failure = ?, completed_at = ? where id = ?",
          ImportState.FAILED.name(),
          RowValidator.abbreviate("Stopped after line " + linesDone + " (rows up to it are stored or rejected): " + e.getMessage()),
          Timestamp.from(clock.instant()), id);
      return;
    }
    jdbc.update(
        "update portfolio_import set state = ?, stored_at = ? where id = ?",
        ImportState.STARTING_CASES.name(), Timestamp.from(clock.instant()), id);
    deleteSpool(imp.spool());
    queueCaseStarts(id);
  }

  /** Waits for a chunk's transaction; its failure becomes the import's. */
  private static void awaitWritten(Future<?> writing) {
    if (writing == null) {
      return;
    }
    boolean interrupted = false;
    while (true) {
      try {
        writing.get();
        break;
      } catch (InterruptedException e) {
        interrupted = true; // the chunk's transaction is under way: let it end before stopping
      } catch (ExecutionException e) {
        throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void queueCaseStarts(UUID id) {
    if (startQueued.add(id)) {
      starting.execute(
          () -> {
            try {
              startCases(id);
            } finally {
              startQueued.remove(id);
            }
          });
    }
  }

  /** Starts the cases of the import's debts that have none yet; completes the import when none is left. */
  void startCases(UUID id) {
    CaseBacklog backlog = backlog(id);
    CaseStarter.Progress progress = starter.startAll(backlog);
    int started = progress.started();
    while (progress.workersBehind() && !Thread.currentThread().isInterrupted()) {
      progress = starter.startAll(backlog); // this thread has nothing else to do: wait on for the workers
      started += progress.started();
    }
    if (progress.finished()) {
      jdbc.update(
          "update portfolio_import set state = ?, completed_at = ? where id = ? and state = ?",
          ImportState.COMPLETED.name(), Timestamp.from(clock.instant()), id, ImportState.STARTING_CASES.name());
    } else {
      LOG.info("Import {}: {} cases started this round, the rest waits for the engine", id, started);
    }
  }

  /** The import's open debts without a process on this engine, in file order (keyset: no rescans). */
  private CaseBacklog backlog(UUID id) {
    int[] after = {0};
    return (epoch, limit) -> {
      List<UUID> ids = new ArrayList<>(limit);
      jdbc.query(
          "select id, import_line from debt where import_id = ? and import_line > ? and status = 'OPEN'"
              + " and (engine_epoch is null or engine_epoch <> ?) order by import_line limit ?",
          rs -> {
            ids.add(rs.getObject(1, UUID.class));
            after[0] = rs.getInt(2);
          },
          id, after[0], epoch, limit);
      return ids;
    };
  }

  /** After a restart: storing goes on after the last committed line, case starting where it stopped. */
  @EventListener(ApplicationReadyEvent.class)
  public void resumeUnfinished() {
    for (Stored imp : unfinished()) {
      if (imp.state() == ImportState.STARTING_CASES) {
        queueCaseStarts(imp.id());
      } else {
        storing.execute(() -> store(imp.id()));
      }
    }
  }

  /** Cases the engine did not take on the last round (it refused, or was down) are tried again. */
  @Scheduled(
      initialDelayString = "${collections.portfolio.retry-interval:PT30S}",
      fixedDelayString = "${collections.portfolio.retry-interval:PT30S}")
  public void retryCaseStarts() {
    unfinished().stream().filter(i -> i.state() == ImportState.STARTING_CASES).forEach(i -> queueCaseStarts(i.id()));
  }

  @PreDestroy
  void stop() throws InterruptedException {
    storing.shutdownNow();
    starting.shutdownNow();
    storing.awaitTermination(30, TimeUnit.SECONDS);
    writer.shutdown();
    writer.awaitTermination(30, TimeUnit.SECONDS);
    starting.awaitTermination(30, TimeUnit.SECONDS);
  }

  public ImportView view(UUID id, int page, int size) {
    Stored imp = load(id);
    Long started =
        jdbc.queryForObject(
            "select count(*) from debt where import_id = ? and process_instance_key is not null", Long.class, id);
    List<ImportView.Rejection> rows =
        size == 0
            ? List.of()
            : jdbc.query(
                "select line, external_ref, reasons::text from portfolio_import_rejection where import_id = ?"
                    + " order by line limit ? offset ?",
                (rs, i) -> new ImportView.Rejection(rs.getInt(1), rs.getString(2), reasons(rs.getString(3))),
                id, size, (long) page * size);
    return new ImportView(
        id, imp.format(), imp.state(), imp.rowsRead(), imp.imported(), imp.rejected(), started == null ? 0 : started,
        imp.receivedAt(), imp.storedAt(), imp.completedAt(), imp.failure(),
        new ImportView.Rejections(page, size, imp.rejected(), rows));
  }

  /** The import's debts after a line, in line order (keyset on the import's index: no rescans). */
  public ImportedDebts debts(UUID id, int afterLine, int size) {
    load(id);
    List<ImportedDebts.Item> items =
        jdbc.query(
            "select import_line, external_ref, id, process_instance_key is not null from debt"
                + " where import_id = ? and import_line > ? order by import_line limit ?",
            (rs, i) -> new ImportedDebts.Item(rs.getInt(1), rs.getString(2), rs.getObject(3, UUID.class), rs.getBoolean(4)),
            id, afterLine, size + 1);
    boolean more = items.size() > size;
    List<ImportedDebts.Item> page = more ? items.subList(0, size) : items;
    return new ImportedDebts(List.copyOf(page), more ? page.getLast().line() : null);
  }

  private record Stored(
      UUID id, ImportFormat format, ImportState state, Path spool, String submittedBy, int linesDone, int rowsRead,
      int imported, int rejected, Instant receivedAt, Instant storedAt, Instant completedAt, String failure) {}

  private static final String COLUMNS =
      "id, format, state, spool_file, submitted_by, lines_done, rows_read, imported, rejected, received_at, stored_at,"
          + " completed_at, failure";

  private Stored load(UUID id) {
    return jdbc.query("select " + COLUMNS + " from portfolio_import where id = ?", PortfolioImports::stored, id)
        .stream()
        .findFirst()
        .orElseThrow(() -> new NotFoundException("No portfolio import " + id));
  }

  private List<Stored> unfinished() {
    return jdbc.query(
        "select " + COLUMNS + " from portfolio_import where state in ('RECEIVED', 'STORING', 'STARTING_CASES')"
            + " order by received_at",
        PortfolioImports::stored);
  }

  private static Stored stored(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
    return new Stored(
        rs.getObject("id", UUID.class),
        ImportFormat.valueOf(rs.getString("format")),
        ImportState.valueOf(rs.getString("state")),
        Path.of(rs.getString("spool_file")),
        rs.getString("submitted_by"),
        rs.getInt("lines_done"),
        rs.getInt("rows_read"),
        rs.getInt("imported"),
        rs.getInt("rejected"),
        instant(rs.getTimestamp("received_at")),
        instant(rs.getTimestamp("stored_at")),
        instant(rs.getTimestamp("completed_at")),
        rs.getString("failure"));
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }

  private List<String> reasons(String text) {
    try {
      return json.readValue(text, REASONS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteSpool(Path spool) {
    try {
      Files.deleteIfExists(spool);
    } catch (IOException e) {
      LOG.warn("Could not delete the spooled file {}: {}", spool, e.getMessage());
    }
  }
}
