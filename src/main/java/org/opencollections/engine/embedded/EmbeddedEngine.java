package org.opencollections.engine.embedded;

import io.camunda.search.clients.SearchClientsProxy;
import io.camunda.security.auth.BrokerRequestAuthorizationConverter;
import io.camunda.security.configuration.SecurityConfiguration;
import io.camunda.zeebe.db.AccessMetricsConfiguration;
import io.camunda.zeebe.db.ConsistencyChecksSettings;
import io.camunda.zeebe.db.ZeebeDb;
import io.camunda.zeebe.db.impl.rocksdb.RocksDbConfiguration;
import io.camunda.zeebe.db.impl.rocksdb.ZeebeRocksDbFactory;
import io.camunda.zeebe.db.impl.rocksdb.ZeebeRocksDbFactory.SharedRocksDbResources;
import io.camunda.zeebe.engine.Engine;
import io.camunda.zeebe.engine.EngineConfiguration;
import io.camunda.zeebe.engine.processing.EngineProcessors;
import io.camunda.zeebe.engine.processing.message.command.SubscriptionCommandSender;
import io.camunda.zeebe.logstreams.log.LogAppendEntry;
import io.camunda.zeebe.logstreams.log.LogStream;
import io.camunda.zeebe.logstreams.log.LogStreamReader;
import io.camunda.zeebe.logstreams.log.LogStreamWriter;
import io.camunda.zeebe.logstreams.log.LoggedEvent;
import io.camunda.zeebe.logstreams.log.WriteContext;
import io.camunda.zeebe.protocol.ZbColumnFamilies;
import io.camunda.zeebe.protocol.impl.encoding.MsgPackConverter;
import io.camunda.zeebe.protocol.impl.record.CopiedRecord;
import io.camunda.zeebe.protocol.impl.record.RecordMetadata;
import io.camunda.zeebe.protocol.impl.record.UnifiedRecordValue;
import io.camunda.zeebe.protocol.impl.record.value.usertask.UserTaskRecord;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.Intent;
import io.camunda.zeebe.protocol.record.intent.UserTaskIntent;
import io.camunda.zeebe.scheduler.ActorScheduler;
import io.camunda.zeebe.scheduler.clock.ControlledActorClock;
import io.camunda.zeebe.stream.impl.ControllableStreamClockImpl;
import io.camunda.zeebe.stream.impl.StreamProcessor;
import io.camunda.zeebe.stream.impl.StreamProcessor.Phase;
import io.camunda.zeebe.util.FeatureFlags;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.NettyServerBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * The embedded default's engine: Zeebe's own stream processor and workflow engine, assembled here as a
 * single-node engine with durable state. This package is the only place that touches Zeebe's internals.
 *
 * <p>What it is made of, and why each part:
 *
 * <ul>
 *   <li>State: Zeebe's RocksDB store ({@code zeebe-db}), the same the broker uses, with its WAL off as in the
 *       broker: the state on disk is only ever a snapshot, the log is the truth after it. (Zeebe Process Test's
 *       in-memory store copies itself on every scan and slows with every open instance.)
 *   <li>Log: {@link SegmentedLog}, segment files with CRC frames and a group-commit fsync.
 *   <li>Snapshots: {@link EngineSnapshots}, RocksDB checkpoints taken every {@code snapshotPeriod}; after each,
 *       the log below it is deleted. Start-up = latest snapshot + replay of the log after it, which Zeebe's
 *       stream processor does itself from the position recorded in the state.
 *   <li>Gateway: Zeebe Process Test's gRPC front ({@link ZptGateway}), bound to loopback only, behind
 *       {@link DurableAnswers} so that no answer leaves before what it confirms is on disk.
 *   <li>Clock: an actor clock with an offset (the simulated clock), kept in the data directory so time goes
 *       on where it was after a restart.
 * </ul>
 *
 * <p>The data directory also holds the engine's id: process instance keys are only meaningful together with
 * it, and a new id (the directory was deleted) is how the application knows its instances are gone.
 */
public final class EmbeddedEngine implements DisposableBean {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedEngine.class);
  private static final int PARTITION = 1;
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper().findAndRegisterModules();

  /** Where and how the engine runs. */
  public record Settings(
      Path dataDir, int port, boolean fsync, Duration snapshotPeriod, long segmentBytes, long stateMemoryBytes,
      Duration startTimeout) {}

  /** What the engine holds on disk, for health, metrics and the benchmark. */
  public record DiskUsage(long logBytes, int logSegments, long firstLogPosition, long lastLogPosition,
      long runtimeStateBytes, long snapshotBytes, long snapshotPosition) {}

  private final Settings settings;
  /** Held while the engine runs: a second application on the same directory would delete its state. */
  private final FileChannel lock;
  private final String id;
  private final Path clockFile;
  private final ControlledActorClock clock;
  private final ActorScheduler scheduler;
  private final SegmentedLog log;
  private final LogStream logStream;
  private final LogStreamWriter commandWriter;
  private final EngineSnapshots snapshots;
  private final SharedRocksDbResources rocksResources;
  private final ZeebeDb<ZbColumnFamilies> state;
  private final StreamProcessor processor;
  private final Server grpc;
  private final DurableAnswers answers;
  private final int port;
  private final LogStreamReader recordReader;
  private final ScheduledExecutorService snapshotter;
  private final List<LongSupplier> retainedFor = new CopyOnWriteArrayList<>();
  private volatile EngineSnapshots.Snapshot latestSnapshot;
  private volatile boolean stopped;

  private EmbeddedEngine(Settings settings, FileChannel lock) throws IOException {
    this.settings = settings;
    this.lock = lock;
    Path dir = settings.dataDir().toAbsolutePath();
    this.id = readOrCreateId(dir.resolve("engine-id"));
    this.clockFile = dir.resolve("clock-offset");
    this.clock = new ControlledActorClock();
    clock.addTime(Duration.ofMillis(readClockOffset()));
    // one partition: one thread runs the stream processor, one the I/O actors (idle actor threads still poll)
    this.scheduler =
        ActorScheduler.newActorScheduler().setActorClock(clock).setCpuBoundActorThreadCount(1)
            .setIoBoundActorThreadCount(1).build();
    this.log = new SegmentedLog(dir.resolve("log"), settings.segmentBytes(), settings.fsync());
    this.snapshots = new EngineSnapshots(dir.resolve("snapshots"));
    this.latestSnapshot = snapshots.latest().orElse(null);
    Path runtime = dir.resolve("runtime");
    if (latestSnapshot != null) {
      EngineSnapshots.restore(latestSnapshot, runtime);
    } else {
      if (log.firstPosition() > 1) {
        throw new IllegalStateException(
            "The engine's log in " + dir + " starts at position " + log.firstPosition()
                + " but no snapshot covers what came before it: the snapshots directory was removed or damaged");
      }
      EngineSnapshots.deleteTree(runtime); // without its WAL, state outside a snapshot is not to be trusted
    }
    this.rocksResources = SharedRocksDbResources.allocate(settings.stateMemoryBytes());
    var factory =
        new ZeebeRocksDbFactory<ZbColumnFamilies>(
            new RocksDbConfiguration().setMemoryLimit(settings.stateMemoryBytes()),
            new ConsistencyChecksSettings(),
            new AccessMetricsConfiguration(AccessMetricsConfiguration.Kind.NONE, 1),
            SimpleMeterRegistry::new,
            rocksResources,
            1);
    this.state = factory.createDb(runtime.toFile());
    this.logStream =
        LogStream.builder()
            .withPartitionId(PARTITION)
            .withLogStorage(log)
            .withClock(clock)
            .withMeterRegistry(new SimpleMeterRegistry())
            .build();
    this.commandWriter = logStream.newLogStreamWriter();
    this.port = settings.port() > 0 ? settings.port() : freePort();
    ZptGateway gateway = ZptGateway.create(commandWriter, PARTITION, port, nextRun(dir.resolve("runs")));
    SecurityConfiguration security = new SecurityConfiguration();
    security.getAuthorizations().setEnabled(false);
    this.processor =
        StreamProcessor.builder()
            .logStream(logStream)
            .zeebeDb(state)
            .commandResponseWriter(gateway.responseWriter)
            .partitionCommandSender(gateway.commandSender)
            .recordProcessors(
                List.of(
                    new Engine(
                        context ->
                            EngineProcessors.createEngineProcessors(
                                context,
                                1,
                                new SubscriptionCommandSender(context.getPartitionId(), gateway.commandSender),
                                gateway.commandSender,
                                FeatureFlags.createDefault(),
                                gateway.jobStreamer,
                                SearchClientsProxy.noop(),
                                new BrokerRequestAuthorizationConverter(security)),
                        new EngineConfiguration(),
                        security)))
            .actorSchedulingService(scheduler)
            .clock(new ControllableStreamClockImpl(clock))
            .meterRegistry(new SimpleMeterRegistry())
            .build();
    this.answers = new DurableAnswers(log);
    this.grpc =
        NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
            .addService(ServerInterceptors.intercept(gateway.service, answers))
            .build();
    this.recordReader = logStream.newLogStreamReader();
    this.snapshotter =
        Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("engine-snapshot").daemon().factory());
  }

  /**
   * Opens the engine on its data directory, replays the log after the latest snapshot and starts listening;
   * returns once the engine processes new commands. On failure nothing is left running.
   */
  public static EmbeddedEngine start(Settings settings) {
    FileChannel lock = lock(settings.dataDir().toAbsolutePath());
    EmbeddedEngine engine;
    try {
      engine = new EmbeddedEngine(settings, lock);
    } catch (IOException | RuntimeException e) {
      closeQuietly(lock::close);
      throw new IllegalStateException("Could not open the engine's data in " + settings.dataDir() + ": " + e.getMessage(), e);
    }
    try {
      engine.open();
      return engine;
    } catch (RuntimeException e) {
      try {
        engine.stop();
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  private static FileChannel lock(Path dir) {
    try {
      Files.createDirectories(dir);
      FileChannel channel = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      boolean locked;
      try {
        locked = channel.tryLock() != null;
      } catch (OverlappingFileLockException inThisJvm) {
        locked = false;
      }
      if (!locked) {
        channel.close();
        throw new IllegalStateException(
            "Another instance of the application is using the engine's data in " + dir + " (its lock file is held)");
      }
      return channel;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not lock the engine's data in " + dir, e);
    }
  }

  private void open() {
    long started = System.nanoTime();
    scheduler.start();
    long from = latestSnapshot == null ? 0 : latestSnapshot.position();
    LOG.info(
        "Engine {}: recovering from {} and replaying the log from position {} to {}",
        id, latestSnapshot == null ? "an empty state" : "the snapshot at position " + latestSnapshot.position(), from,
        log.lastPosition());
    processor.openAsync(false).join();
    long deadline = started + settings.startTimeout().toNanos();
    long nextReport = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      if (processor.isFailed()) {
        throw new IllegalStateException("The engine failed while replaying its log (see the log above)");
      }
      Phase phase = processor.getCurrentPhase().join();
      if (phase == Phase.PROCESSING) {
        break;
      }
      if (phase == Phase.FAILED) {
        throw new IllegalStateException("The engine failed while replaying its log (see the log above)");
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "The engine did not finish replaying its log within " + settings.startTimeout()
                + " (collections.engine.start-timeout)");
      }
      if (System.nanoTime() > nextReport) {
        LOG.info("Engine {}: still replaying its log ({} records to go over)", id, log.lastPosition());
        nextReport = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      }
      sleep(Duration.ofMillis(20));
    }
    try {
      grpc.start();
    } catch (IOException e) {
      throw new IllegalStateException(
          "Could not start the engine's gateway on 127.0.0.1:" + port + " (is the port taken? set collections.engine.port)", e);
    }
    long period = settings.snapshotPeriod().toMillis();
    snapshotter.scheduleWithFixedDelay(this::snapshotQuietly, period, period, TimeUnit.MILLISECONDS);
    LOG.info(
        "Engine {} ready on 127.0.0.1:{} in {} ms (log positions {} to {}, {} MB on disk)",
        id, port, (System.nanoTime() - started) / 1_000_000, log.firstPosition(), log.lastPosition(),
        log.sizeOnDisk() >> 20);
  }

  public int port() {
    return port;
  }

  /** The engine's id: kept in its data directory, new when the directory is new. */
  public String epoch() {
    return id;
  }

  /** Moves the engine's clock forward; the new offset is on disk before the engine sees it. */
  public synchronized void increaseTime(Duration by) {
    if (by.isNegative()) {
      throw new IllegalArgumentException("The engine's clock only moves forward");
    }
    long offset = readClockOffset() + by.toMillis();
    writeClockOffset(offset);
    clock.addTime(by);
  }

  /** How far the engine's clock is ahead of the real one. */
  public Duration clockOffset() {
    return Duration.ofMillis(readClockOffset());
  }

  /** The position of the last record on disk: nothing up to it can be lost. */
  public long durablePosition() {
    return log.durablePosition();
  }

  /** The position of the last record written to the log. */
  public long lastPosition() {
    return log.lastPosition();
  }

  /**
   * Hands on every record after {@code after} (0: from the start of the log as it stands) whose value type is
   * one of {@code types} (null: all), decoded; returns the position of the last record read, or {@code after}
   * when there was none. Nothing is kept: a reader keeps its own position.
   */
  public long readRecords(long after, Set<ValueType> types, Consumer<Record<?>> consumer) {
    return readRecords(after, Long.MAX_VALUE, (type, intent) -> types == null || types.contains(type), consumer);
  }

  /** Which records a reader wants decoded, asked of each record's metadata (cheap) before its value (not). */
  @FunctionalInterface
  public interface RecordFilter {
    boolean wants(ValueType type, Intent intent);
  }

  /** As {@link #readRecords(long, Set, Consumer)}, with a finer filter, stopping after the record at {@code upTo}. */
  public synchronized long readRecords(long after, long upTo, RecordFilter filter, Consumer<Record<?>> consumer) {
    if (after <= 0 || after < log.firstPosition()) {
      recordReader.seekToFirstEvent();
    } else {
      recordReader.seekToNextEvent(after);
    }
    long last = after;
    RecordMetadata metadata = new RecordMetadata();
    while (recordReader.hasNext()) {
      if (recordReader.peekNext().getPosition() > upTo) {
        break;
      }
      LoggedEvent event = recordReader.next();
      if (event.getPosition() <= after) {
        continue;
      }
      last = event.getPosition();
      metadata.reset();
      event.readMetadata(metadata);
      if (!filter.wants(metadata.getValueType(), metadata.getIntent())) {
        continue;
      }
      UnifiedRecordValue value = UnifiedRecordValue.fromValueType(metadata.getValueType());
      if (value == null) {
        continue;
      }
      event.readValue(value);
      RecordMetadata copy = new RecordMetadata();
      event.readMetadata(copy);
      consumer.accept(
          new CopiedRecord<>(
              value, copy, event.getKey(), PARTITION, event.getPosition(), event.getSourceEventPosition(),
              event.getTimestamp()));
    }
    return last;
  }

  /**
   * Keeps the log from being compacted past what a reader still has to read: the supplier gives the position
   * up to which the reader has stored its results.
   */
  public void retainLogFor(LongSupplier readerPosition) {
    retainedFor.add(readerPosition);
  }

  /**
   * Waits until the engine has written no record for {@code quiet} (workers done with what was due), at most
   * {@code atMost}: moving the clock while a job is still being worked would start its timers in the future.
   */
  public void awaitQuiet(Duration quiet, Duration atMost) {
    long deadline = System.nanoTime() + atMost.toNanos();
    long seen = log.lastPosition();
    long lastChange = System.nanoTime();
    while (System.nanoTime() < deadline && System.nanoTime() - lastChange < quiet.toNanos()) {
      sleep(Duration.ofMillis(25));
      long now = log.lastPosition();
      if (now != seen) {
        seen = now;
        lastChange = System.nanoTime();
      }
    }
  }

  /**
   * Appends a USER_TASK COMPLETE command, as the REST gateway of a real broker would (this gateway has no REST
   * API); returns the command's position. The outcome shows in the record stream.
   */
  public long completeUserTask(long userTaskKey, Map<String, Object> variables) {
    UserTaskRecord command =
        new UserTaskRecord()
            .setUserTaskKey(userTaskKey)
            .setAction("complete")
            .setVariables(new UnsafeBuffer(MsgPackConverter.convertToMsgPack(toJson(variables))));
    RecordMetadata metadata =
        new RecordMetadata().recordType(RecordType.COMMAND).valueType(ValueType.USER_TASK).intent(UserTaskIntent.COMPLETE);
    var written = commandWriter.tryWrite(WriteContext.internal(), LogAppendEntry.of(userTaskKey, metadata, command));
    if (written.isLeft()) {
      throw new IllegalStateException("The engine refused the command: " + written.getLeft());
    }
    return written.get();
  }

  /** Returns once every record up to {@code position} is on disk. */
  public void awaitDurable(long position) {
    CountDownLatch done = new CountDownLatch(1);
    log.whenDurable(position, done::countDown);
    try {
      if (!done.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("The engine's log did not reach the disk within 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the engine's log", e);
    }
  }

  /**
   * Takes a snapshot of the state now and deletes the log below it (as far as every reader allows).
   * Returns the snapshot, or nothing when no record was processed since the last one.
   */
  public synchronized Optional<EngineSnapshots.Snapshot> snapshot() {
    if (stopped && processor.isClosed()) {
      return Optional.empty();
    }
    long processed = processor.getLastProcessedPositionAsync().join();
    if (processed <= 0 || (latestSnapshot != null && processed <= latestSnapshot.position())) {
      compact();
      return Optional.empty();
    }
    long started = System.nanoTime();
    EngineSnapshots.Snapshot taken =
        snapshots.take(
            processed,
            pending -> {
              state.createSnapshot(pending.toFile());
              // everything the checkpointed state reflects must be in the log on disk before it counts
              long written = processor.getLastWrittenPositionAsync().join();
              awaitDurable(Math.max(written, processed));
            });
    latestSnapshot = taken;
    long freed = compact();
    LOG.info(
        "Engine snapshot at position {} ({} MB) in {} ms; {} MB of log below it deleted",
        processed, taken.bytes() >> 20, (System.nanoTime() - started) / 1_000_000, freed >> 20);
    return Optional.of(taken);
  }

  private long compact() {
    if (latestSnapshot == null) {
      return 0;
    }
    long bound = latestSnapshot.position();
    for (LongSupplier reader : retainedFor) {
      bound = Math.min(bound, reader.getAsLong());
    }
    return bound > 0 ? log.deleteBefore(bound) : 0;
  }

  private void snapshotQuietly() {
    try {
      snapshot();
    } catch (RuntimeException e) {
      LOG.error("Could not take a snapshot of the engine's state; the log keeps growing until one succeeds", e);
    }
  }

  public DiskUsage diskUsage() {
    EngineSnapshots.Snapshot s = latestSnapshot;
    return new DiskUsage(
        log.sizeOnDisk(), log.segmentCount(), log.firstPosition(), log.lastPosition(),
        sizeOf(settings.dataDir().resolve("runtime")), s == null ? 0 : s.bytes(), s == null ? 0 : s.position());
  }

  private static long sizeOf(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> {
        try {
          return Files.size(p);
        } catch (IOException e) {
          return 0;
        }
      }).sum();
    } catch (IOException | UncheckedIOException e) {
      return 0;
    }
  }

  @Override
  public void destroy() {
    stop();
  }

  /** Stops taking requests, takes a last snapshot (so the next start replays nothing), and closes. */
  public void stop() {
    stop(true);
  }

  /** For tests: closes as a crash would leave it, without the last snapshot (the next start replays the log). */
  void crash() {
    stop(false);
  }

  private synchronized void stop(boolean lastSnapshot) {
    if (stopped) {
      return;
    }
    stopped = true;
    snapshotter.shutdownNow();
    grpc.shutdownNow();
    try {
      grpc.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (lastSnapshot && processor.isOpened() && !processor.isFailed()) {
      try {
        snapshot();
      } catch (RuntimeException e) {
        LOG.warn("No snapshot at stop; the next start replays the log from the last one", e);
      }
    }
    closeQuietly(processor::close);
    closeQuietly(answers::close);
    closeQuietly(logStream::close);
    closeQuietly(state::close);
    closeQuietly(rocksResources::close);
    closeQuietly(log::close);
    closeQuietly(() -> scheduler.stop().get(10, TimeUnit.SECONDS));
    closeQuietly(lock::close);
    LOG.info("Engine {} stopped", id);
  }

  private interface Closing {
    void close() throws Exception;
  }

  private static void closeQuietly(Closing closing) {
    try {
      closing.close();
    } catch (Exception e) {
      LOG.warn("While stopping the engine", e);
    }
  }

  private static String readOrCreateId(Path file) throws IOException {
    if (Files.exists(file)) {
      return Files.readString(file, StandardCharsets.UTF_8).trim();
    }
    String id = UUID.randomUUID().toString();
    writeAtomically(file, id);
    return id;
  }

  /** Counts the engine's starts on this directory (see {@link ZptGateway#create}). */
  private static long nextRun(Path file) throws IOException {
    long run = Files.exists(file) ? Long.parseLong(Files.readString(file).trim()) + 1 : 1;
    writeAtomically(file, Long.toString(run));
    return run;
  }

  private long readClockOffset() {
    try {
      return Files.exists(clockFile) ? Long.parseLong(Files.readString(clockFile).trim()) : 0;
    } catch (IOException | NumberFormatException e) {
      throw new IllegalStateException("Cannot read the engine's clock offset in " + clockFile, e);
    }
  }

  private void writeClockOffset(long millis) {
    try {
      writeAtomically(clockFile, Long.toString(millis));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the engine's clock offset to " + clockFile, e);
    }
  }

  private static void writeAtomically(Path file, String content) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, content, StandardCharsets.UTF_8);
    try (var channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static String toJson(Map<String, Object> variables) {
    try {
      return JSON.writeValueAsString(variables);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("Task variables are not JSON: " + e.getMessage(), e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("No free port for the engine", e);
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    }
  }
}
