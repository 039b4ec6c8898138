package org.opencollections.engine;

import org.opencollections.process.JobTypes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.DeployResourceCommandStep1.DeployResourceCommandStep2;
import io.camunda.client.api.worker.JobWorker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.opencollections.CollectionsApplication;
import org.opencollections.contact.ContactDebtorConnector;
import org.opencollections.engine.embedded.EmbeddedEngine;
import org.opencollections.support.Api;
import org.opencollections.support.Apps;
import org.opencollections.support.CollectionsTest;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Not part of the suite: run it with {@code bin/benchmark-engine}. It measures, it does not judge timings.
 *
 * <ol>
 *   <li>The application: a portfolio of {@code benchmark.cases} (100,000) debts imported at once; per window of
 *       {@code benchmark.window} (10,000) cases: cases started and cases through their first steps
 *       (segmented, first reminder attempted, waiting at its first timer) per second, CPU per case of the JVM
 *       and of PostgreSQL, heap after a GC, the engine's disk and log. Then: exactly one process instance per
 *       debt (from the engine's records), start-up after a clean stop and after a crash (an image of the data
 *       directory taken while it ran), with every case open.
 *   <li>The bare engine: the same assembly, the same model, the same number of cases, no-op workers, the same
 *       pacing (32 starts in flight, at most 200 started cases before their first step).
 * </ol>
 * It prints the ratio application ÷ bare engine per window. Results: target/benchmark/engine-result.txt.
 */
class EngineBenchmark {

  static final int CASES = Integer.getInteger("benchmark.cases", 100_000);
  static final int WINDOW = Integer.getInteger("benchmark.window", 10_000);
  static final String[][] ZONES = {
    {"America/New_York", "US-NY"}, {"America/Chicago", "US-MA"}, {"Europe/London", "GB"}, {"Europe/Berlin", "DE"}
  };
  static final String[] PRODUCTS = {"CREDIT_CARD", "PERSONAL_LOAN", "AUTO_LOAN", "OVERDRAFT"};

  final Path root = Path.of("target/benchmark/engine-" + UUID.randomUUID().toString().substring(0, 8));
  final List<String> report = new ArrayList<>();

  /** One window's figures. */
  record Window(int upTo, double seconds, double startedPerSecond, double throughPerSecond, double jvmCpuMsPerCase,
      double engineThreadMsPerCase, double engineThreadBusy, double dbCpuMsPerCase, long heapAfterGcMb,
      long engineDiskMb, long logMb) {}

  @Test
  void applicationAgainstBareEngine() throws Exception {
    Files.createDirectories(root);
    note("Cases: %,d, windows of %,d; JVM %s, %d cores", CASES, WINDOW, Runtime.version(), Runtime.getRuntime().availableProcessors());
    String parts = System.getProperty("benchmark.parts", "app,bare");
    List<Window> app = parts.contains("app") ? application() : List.of();
    List<Window> bare = parts.contains("bare") ? bareEngine() : List.of();
    note("");
    note("| cases | app: cases/s through first steps | bare engine: cases/s | app ÷ bare | app: started/s | app: JVM CPU ms/case | app: engine thread ms/case (busy) | app: PostgreSQL CPU ms/case | bare: CPU ms/case | bare: engine thread ms/case (busy) | app: heap after GC MB | bare: heap MB | app: engine disk MB | app: log MB |");
    note("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    for (int i = 0; i < Math.min(app.size(), bare.size()); i++) {
      Window a = app.get(i);
      Window b = bare.get(i);
      note("| %,d | %.0f | %.0f | %.2f | %.0f | %.1f | %.1f (%.0f %%) | %.1f | %.1f | %.1f (%.0f %%) | %d | %d | %d | %d |", a.upTo(),
          a.throughPerSecond(), b.throughPerSecond(), a.throughPerSecond() / b.throughPerSecond(), a.startedPerSecond(),
          a.jvmCpuMsPerCase(), a.engineThreadMsPerCase(), 100 * a.engineThreadBusy(), a.dbCpuMsPerCase(), b.jvmCpuMsPerCase(),
          b.engineThreadMsPerCase(), 100 * b.engineThreadBusy(), a.heapAfterGcMb(), b.heapAfterGcMb(), a.engineDiskMb(), a.logMb());
    }
    if (app.isEmpty() || bare.isEmpty()) {
      return;
    }
    double appTotal = app.stream().mapToDouble(Window::seconds).sum();
    double bareTotal = bare.stream().mapToDouble(Window::seconds).sum();
    note("All %,d cases: application %.0f s (%.0f/s), bare engine %.0f s (%.0f/s), ratio %.2f",
        CASES, appTotal, CASES / appTotal, bareTotal, CASES / bareTotal, bareTotal / appTotal);
  }

  List<Window> application() throws Exception {
    Path data = root.resolve("app");
    List<String> args = new ArrayList<>(Apps.args(data,
        "--collections.engine.snapshot-period=PT5M", "--logging.level.org.opencollections=WARN",
        "--logging.level.org.opencollections.engine.embedded=INFO"));
    args.add("--server.port=0");
    for (String extra : System.getProperty("benchmark.app-args", "").split(" ")) {
      if (!extra.isBlank()) {
        args.add(extra); // tuning experiments: later arguments win over earlier ones of the same name
      }
    }
    Path csv = generate(root.resolve("portfolio.csv"));
    List<Window> windows = new ArrayList<>();
    ConfigurableApplicationContext ctx = new SpringApplicationBuilder(CollectionsApplication.class).run(args.toArray(String[]::new));
    Path crashImage = root.resolve("crash-image");
    try {
      Api api = Apps.api(ctx).as("supervisor");
      JdbcTemplate jdbc = ctx.getBean(JdbcTemplate.class);
      EmbeddedEngine engine = ctx.getBean(EmbeddedEngine.class);
      ResponseEntity<JsonNode> accepted = api.postRaw("/api/portfolio/imports", "text/csv", Files.readString(csv));
      assertThat(accepted.getStatusCode().value()).isEqualTo(202);
      String importId = accepted.getBody().get("id").asText();
      LongSupplier started = () -> jdbc.queryForObject(
          "select count(*) from debt where import_id = ?::uuid and process_instance_key is not null", Long.class, importId);
      LongSupplier through = () -> jdbc.queryForObject(
          "select count(distinct a.debt_id) from contact_attempt a join debt d on d.id = a.debt_id where d.import_id = ?::uuid",
          Long.class, importId);
      String byHand = null;
      long byHandAt = 0;
      long lastStarted = 0;
      Sample previous = Sample.now(engine, data);
      int nextWindow = WINDOW;
      long deadline = System.nanoTime() + Duration.ofMinutes(90).toNanos();
      while (nextWindow <= CASES && System.nanoTime() < deadline) {
        Thread.sleep(1000);
        long done = through.getAsLong();
        if (byHand == null && done >= CASES / 2) {
          // interactive work during the bulk import: how long does a debt registered by hand wait?
          byHand = api.as("admin").createDebt("2500.00", LocalDate.parse(CollectionsTest.START.substring(0, 10)).minusDays(20).toString(), "PERSONAL_LOAN");
          byHandAt = System.nanoTime();
        }
        if (byHand != null && byHandAt > 0 && api.count(byHand, Api.type("CONTACT")) > 0) {
          note("A debt registered by hand while %,d imported cases were through: segmented and reminded %.1f s later",
              done, (System.nanoTime() - byHandAt) / 1e9);
          byHandAt = -1;
        }
        if (done >= nextWindow) {
          long s = started.getAsLong();
          Sample now = Sample.now(engine, data);
          windows.add(now.since(previous, nextWindow, s - lastStarted));
          note("app %s", windows.getLast());
          previous = now;
          lastStarted = s;
          nextWindow += WINDOW;
        }
      }
      assertThat(windows).as("every window reached").hasSize(CASES / WINDOW);
      Long notOnce = jdbc.queryForObject(
          "select count(*) from debt d where d.import_id = ?::uuid and (select count(*) from engine_process_instance i"
              + " where i.debt_id = d.id and i.engine_id = ?) <> 1", Long.class, importId, engine.epoch());
      note("Debts of the import without exactly one process instance (engine records): %d of %,d", notOnce, CASES);
      assertThat(notOnce).isZero();
      copyTree(data.resolve("engine"), crashImage); // what a crash now would leave on disk
      EmbeddedEngine.DiskUsage disk = engine.diskUsage();
      note("Engine on disk with %,d open cases: log %d MB in %d segments, runtime state %d MB, snapshot %d MB",
          CASES, disk.logBytes() >> 20, disk.logSegments(), disk.runtimeStateBytes() >> 20, disk.snapshotBytes() >> 20);
      long snapshotStart = System.nanoTime();
      engine.snapshot();
      disk = engine.diskUsage();
      note("After a snapshot (%.1f s): log %d MB, snapshot %d MB: %.0f bytes of state per open case, %.0f of log",
          (System.nanoTime() - snapshotStart) / 1e9, disk.logBytes() >> 20, disk.snapshotBytes() >> 20,
          (double) disk.snapshotBytes() / CASES, (double) disk.logBytes() / CASES);
    } finally {
      long stopStart = System.nanoTime();
      ctx.close();
      note("Clean stop of the application: %.1f s", (System.nanoTime() - stopStart) / 1e9);
    }
    long restart = System.nanoTime();
    try (ConfigurableApplicationContext again = new SpringApplicationBuilder(CollectionsApplication.class).run(args.toArray(String[]::new))) {
      note("Start-up after a clean stop with %,d open cases: %.1f s to ready", CASES, (System.nanoTime() - restart) / 1e9);
    }
    long recover = System.nanoTime();
    EmbeddedEngine recovered = EmbeddedEngine.start(
        new EmbeddedEngine.Settings(crashImage, 0, true, Duration.ofHours(1), 64L << 20, 128L << 20, Duration.ofMinutes(30)));
    note("Engine start-up from the crash image (latest snapshot + replay of the log after it): %.1f s",
        (System.nanoTime() - recover) / 1e9);
    recovered.stop();
    return windows;
  }

  List<Window> bareEngine() throws Exception {
    Path dir = root.resolve("bare");
    boolean fsync = Boolean.parseBoolean(System.getProperty("benchmark.fsync", "true"));
    note("Bare engine: fsync %s", fsync ? "on (as the application)" : "off");
    EmbeddedEngine engine = EmbeddedEngine.start(
        new EmbeddedEngine.Settings(dir, 0, fsync, Duration.ofMinutes(5), 64L << 20, 128L << 20, Duration.ofMinutes(30)));
    List<Window> windows = new ArrayList<>();
    AtomicLong reminded = new AtomicLong();
    AtomicLong created = new AtomicLong();
    List<JobWorker> workers = new ArrayList<>();
    try (CamundaClient client = CamundaClient.newClientBuilder()
        .grpcAddress(URI.create("http://127.0.0.1:" + engine.port()))
        .restAddress(URI.create("http://127.0.0.1:" + engine.port()))
        .preferRestOverGrpc(false).numJobWorkerExecutionThreads(8).build()) {
      DeployResourceCommandStep2 deploy = null;
      try (Stream<Path> models = Stream.concat(Files.list(Path.of("bpmn")), Files.list(Path.of("dmn")))) {
        for (Path model : models.sorted().toList()) {
          deploy = deploy == null
              ? client.newDeployResourceCommand().addResourceFile(model.toString())
              : deploy.addResourceFile(model.toString());
        }
      }
      deploy.send().join();
      Map<String, Object> segmentation = Map.of("segment", "STANDARD", "strategy", "standard", "channel", "EMAIL",
          "reminderCount", 2, "reminderInterval", "P7D", "priority", 50, "rationale", "benchmark");
      for (String type : List.of(JobTypes.RECORD_STAGE, JobTypes.EVALUATE_DECISION, ContactDebtorConnector.TYPE)) {
        workers.add(client.newWorker().jobType(type).handler((jobs, job) -> {
          Map<String, Object> result = switch (type) {
            case JobTypes.EVALUATE_DECISION -> Map.of("segmentation", segmentation);
            case ContactDebtorConnector.TYPE -> Map.of("lastContact", Map.of("decision", "ALLOW"));
            default -> Map.of();
          };
          jobs.newCompleteCommand(job.getKey()).variables(result).send().join();
          if (type.equals(ContactDebtorConnector.TYPE)) {
            reminded.incrementAndGet();
          }
        }).streamEnabled(true).maxJobsActive(32).timeout(Duration.ofMinutes(1)).open());
      }
      Semaphore inFlight = new Semaphore(32);
      Sample previous = Sample.now(engine, dir);
      int nextWindow = WINDOW;
      long lastCreated = 0;
      for (int i = 0; i < CASES; i++) {
        while (created.get() - reminded.get() >= 200) {
          Thread.sleep(1);
        }
        inFlight.acquire();
        client.newCreateInstanceCommand().bpmnProcessId(CollectionProcess.PROCESS_ID).latestVersion()
            .variables(Map.of("debtId", UUID.randomUUID().toString())).send()
            .whenComplete((r, failure) -> {
              inFlight.release();
              if (failure == null) {
                created.incrementAndGet();
              }
            });
        if (reminded.get() >= nextWindow) {
          Sample now = Sample.now(engine, dir);
          windows.add(now.since(previous, nextWindow, created.get() - lastCreated));
          note("bare %s", windows.getLast());
          previous = now;
          lastCreated = created.get();
          nextWindow += WINDOW;
        }
      }
      while (nextWindow <= CASES) {
        Thread.sleep(200);
        if (reminded.get() >= nextWindow) {
          Sample now = Sample.now(engine, dir);
          windows.add(now.since(previous, nextWindow, created.get() - lastCreated));
          note("bare %s", windows.getLast());
          previous = now;
          lastCreated = created.get();
          nextWindow += WINDOW;
        }
      }
      workers.forEach(JobWorker::close);
    } finally {
      engine.stop();
    }
    return windows;
  }

  /** The clocks, CPU times and sizes at one moment. */
  record Sample(long nanos, long jvmCpuNanos, long engineThreadNanos, long dbCpuTicks, long heapAfterGc, long engineDisk,
      long log) {
    static Sample now(EmbeddedEngine engine, Path data) {
      var memory = ManagementFactory.getMemoryMXBean();
      memory.gc();
      EmbeddedEngine.DiskUsage disk = engine.diskUsage();
      return new Sample(System.nanoTime(),
          ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime(),
          actorThreadsCpuNanos(), postgresCpuTicks(data.resolve("postgres")), memory.getHeapMemoryUsage().getUsed(),
          disk.logBytes() + disk.runtimeStateBytes() + disk.snapshotBytes(), disk.logBytes());
    }

    Window since(Sample before, int upTo, long startedInWindow) {
      double seconds = (nanos - before.nanos) / 1e9;
      return new Window(upTo, seconds, startedInWindow / seconds, WINDOW / seconds,
          (jvmCpuNanos - before.jvmCpuNanos) / 1e6 / WINDOW, (engineThreadNanos - before.engineThreadNanos) / 1e6 / WINDOW,
          (engineThreadNanos - before.engineThreadNanos) / (double) (nanos - before.nanos), (dbCpuTicks - before.dbCpuTicks) * 10.0 / WINDOW,
          heapAfterGc >> 20, engineDisk >> 20, log >> 20);
    }
  }

  /** CPU time of the engine's stream processor thread (the actor thread that runs the single partition). */
  static long actorThreadsCpuNanos() {
    var threads = ManagementFactory.getThreadMXBean();
    long sum = 0;
    for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && info.getThreadName().startsWith("zb-actors")) {
        sum += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
      }
    }
    return sum;
  }

  /** User and system CPU (clock ticks of 10 ms) of every PostgreSQL process on this data directory. */
  static long postgresCpuTicks(Path dataDir) {
    Path pidFile = dataDir.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return 0;
    }
    try {
      long postmaster = Long.parseLong(Files.readAllLines(pidFile).getFirst().trim());
      return ProcessHandle.of(postmaster).map(p -> Stream.concat(Stream.of(p), p.descendants())
          .mapToLong(EngineBenchmark::cpuTicks).sum()).orElse(0L);
    } catch (IOException e) {
      return 0;
    }
  }

  static long cpuTicks(ProcessHandle process) {
    try {
      String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // utime, stime, cutime, cstime: fields 14-17 of /proc/pid/stat (11-14 after the name)
      return Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  Path generate(Path csv) throws IOException {
    LocalDate today = LocalDate.parse(CollectionsTest.START.substring(0, 10));
    String run = root.getFileName().toString();
    try (var out = Files.newBufferedWriter(csv)) {
      out.write("externalRef,debtor.name,debtor.email,debtor.timeZone,debtor.jurisdiction,principal,currency,dueDate,product\n");
      for (int i = 0; i < CASES; i++) {
        String[] zone = ZONES[i % ZONES.length];
        // balances across the segments: small, mid-size and large debts
        String principal = switch (i % 10) {
          case 0 -> "45.00";
          case 1, 2 -> (10_000 + i % 50_000) + ".00";
          default -> (150 + i % 9_000) + ".50";
        };
        out.write(run + "-" + i + ",Debtor " + i + ",debtor" + i + "@example.org," + zone[0] + "," + zone[1] + ","
            + principal + ",USD," + today.minusDays(5 + i % 80) + "," + PRODUCTS[i % PRODUCTS.length] + "\n");
      }
    }
    return csv;
  }

  static void copyTree(Path from, Path to) {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.toList()) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          try {
            Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
          } catch (java.nio.file.NoSuchFileException gone) {
            // deleted while copying (a compaction, RocksDB's own files): a crash would not have it either
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void note(String format, Object... args) {
    String line = String.format(format, args);
    System.out.println(line);
    report.add(line);
    try {
      Files.write(Path.of("target/benchmark/engine-result.txt"), report);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
