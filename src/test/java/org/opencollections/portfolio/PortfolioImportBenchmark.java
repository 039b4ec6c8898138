package org.opencollections.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.opencollections.engine.embedded.EmbeddedEngine;
import org.opencollections.support.CollectionsTest;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Not part of the default suite (run it with bin/benchmark-import). Generates a CSV portfolio with bad
 * rows of every kind, copies its good rows with a raw PostgreSQL COPY into tables equivalent to the
 * application's, imports the same file through the API, and measures both, then the case-start rate.
 * It checks the counts (imported, rejected, one case per debt); it does not judge the timings.
 *
 * <p>System properties: benchmark.rows (100000), benchmark.bad (1000), benchmark.all-cases (false: measure
 * case starting for benchmark.case-seconds, 60; true: wait until every debt has its case and prove there
 * is exactly one process instance per debt).
 */
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "collections.engine.port=0",
      "collections.mail.embedded-port=0",
      "collections.postgres.data-dir=target/benchmark/data-${random.uuid}",
      "collections.engine.data-dir=target/benchmark/engine-${random.uuid}",
      "collections.resume.retry-interval=PT1H",
      "collections.simulation.start=" + CollectionsTest.START,
      "logging.level.org.opencollections=WARN",
      "logging.level.org.opencollections.portfolio=INFO"
    })
class PortfolioImportBenchmark {

  static final int ROWS = Integer.getInteger("benchmark.rows", 100_000);
  static final int BAD = Integer.getInteger("benchmark.bad", 1_000);
  static final boolean ALL_CASES = Boolean.getBoolean("benchmark.all-cases");
  static final int CASE_SECONDS = Integer.getInteger("benchmark.case-seconds", 60);
  static final String[][] ZONES = {
    {"America/New_York", "US-NY"}, {"America/Chicago", "US-MA"}, {"Asia/Kolkata", "IN"}, {"Europe/Berlin", "DE"}
  };
  static final String[] PRODUCTS = {"CREDIT_CARD", "PERSONAL_LOAN", "AUTO_LOAN", "OVERDRAFT"};
  static final int KINDS = 12;

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired DataSource dataSource;
  @Autowired EmbeddedEngine engine;
  @Autowired ObjectMapper json;

  final String run = UUID.randomUUID().toString().substring(0, 8);
  final Path dir = Path.of("target/benchmark");
  final List<String> report = new ArrayList<>();
  final HttpClient http = HttpClient.newHttpClient();

  @Test
  void importAgainstRawCopy() throws Exception {
    Files.createDirectories(dir);
    LocalDate today = LocalDate.parse(CollectionsTest.START.substring(0, 10));
    String storedRef = "BENCH-" + run + "-STORED";
    JsonNode stored = call("POST", "/api/debts", "application/json", HttpRequest.BodyPublishers.ofString(
        "{\"externalRef\":\"" + storedRef + "\",\"debtor\":{\"name\":\"Sam\",\"timeZone\":\"UTC\",\"jurisdiction\":\"DE\"},"
            + "\"principal\":\"10.00\",\"currency\":\"EUR\",\"dueDate\":\"" + today.minusDays(30) + "\",\"product\":\"CREDIT_CARD\"}"));
    assertThat(stored.has("id")).as(stored.toString()).isTrue();

    Path csv = dir.resolve("portfolio-" + ROWS + ".csv");
    int good = generate(csv, today, storedRef);
    note("File: %s, %,d rows (%,d good, %,d bad of %d kinds), %,d bytes", csv, ROWS, good, BAD, KINDS, Files.size(csv));

    // 1. The yardstick: raw COPY of the same good rows into tables equivalent to debtor, debt, case_event
    jdbc.execute("create table bench_debtor (like debtor including all)");
    jdbc.execute("create table bench_debt (like debt including all)");
    jdbc.execute("alter table bench_debt add foreign key (debtor_id) references bench_debtor (id)");
    jdbc.execute("create table bench_case_event (like case_event including all)");
    jdbc.execute("alter table bench_case_event add foreign key (debt_id) references bench_debt (id)");
    // each measurement starts from a checkpoint, so neither pays for writing out the other's pages
    jdbc.execute("checkpoint");
    long copyStart = System.nanoTime();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      var copy = c.unwrap(PGConnection.class).getCopyAPI();
      for (String[] table : new String[][] {
        {"bench_debtor (id, external_ref, name, email, phone, time_zone, jurisdiction, created_at)", "debtors"},
        {"bench_debt (id, external_ref, debtor_id, principal, currency, due_date, product, stage, status, created_at, version)", "debts"},
        {"bench_case_event (debt_id, occurred_at, type, summary, details)", "events"}}) {
        try (Reader in = Files.newBufferedReader(dir.resolve("copy-" + table[1] + ".csv"))) {
          copy.copyIn("copy " + table[0] + " from stdin (format csv)", in);
        }
      }
      c.commit();
    }
    double copySeconds = (System.nanoTime() - copyStart) / 1e9;
    double copyRate = good / copySeconds;
    note("Raw COPY: %,d debts (with their debtors and 2 timeline rows each) in %.2f s = %,.0f debts/s", good, copySeconds, copyRate);

    // 2. The import of the same file through the API
    jdbc.execute("vacuum analyze bench_debtor, bench_debt, bench_case_event");
    jdbc.execute("checkpoint");
    long postStart = System.nanoTime();
    JsonNode accepted = call("POST", "/api/portfolio/imports", "text/csv", HttpRequest.BodyPublishers.ofFile(csv));
    double postSeconds = (System.nanoTime() - postStart) / 1e9;
    String id = accepted.get("id").asText();
    note("POST answered 202 after %.2f s (body spooled to disk)", postSeconds);
    JsonNode progress = accepted;
    while (List.of("RECEIVED", "STORING").contains(progress.get("state").asText())) {
      Thread.sleep(200);
      progress = call("GET", "/api/portfolio/imports/" + id + "?size=1", null, null);
    }
    Map<String, Object> times = jdbc.queryForMap(
        "select storing_started_at, stored_at, received_at from portfolio_import where id = ?", UUID.fromString(id));
    double storeSeconds = Duration.between(
        ((java.sql.Timestamp) times.get("storing_started_at")).toInstant(),
        ((java.sql.Timestamp) times.get("stored_at")).toInstant()).toMillis() / 1000.0;
    double importRate = progress.get("imported").asInt() / storeSeconds;
    note("Import storing phase: %,d rows read, %,d imported, %,d rejected in %.2f s = %,.0f rows/s, %,.0f debts/s",
        progress.get("rowsRead").asInt(), progress.get("imported").asInt(), progress.get("rejected").asInt(),
        storeSeconds, ROWS / storeSeconds, importRate);
    note("Ratio import / raw COPY (debts/s): %.2f (yardstick: at least 0.5)", importRate / copyRate);

    assertThat(progress.get("state").asText()).as(progress.toString()).isIn("STARTING_CASES", "COMPLETED");
    assertThat(progress.get("imported").asInt()).isEqualTo(good);
    assertThat(progress.get("rejected").asInt()).isEqualTo(BAD);
    assertThat(jdbc.queryForObject(
        "select count(*) from portfolio_import_rejection where import_id = ? and jsonb_array_length(reasons) > 0",
        Integer.class, UUID.fromString(id))).isEqualTo(BAD);
    for (Map<String, Object> kind : jdbc.queryForList(
        "select left(regexp_replace(regexp_replace(reasons->>0, '''[^'']*''', '''x''', 'g'), '[0-9]+', 'N', 'g'), 90) as reason, count(*) as n"
            + " from portfolio_import_rejection where import_id = ? group by 1 order by 1", UUID.fromString(id))) {
      note("  %,6d x %s", kind.get("n"), kind.get("reason"));
    }

    // 3. Case starting, at the pace the in-process engine accepts
    Instant from = Instant.now();
    long startedAtFrom = progress.get("casesStarted").asLong();
    long started = startedAtFrom;
    Instant deadline = from.plusSeconds(CASE_SECONDS);
    while (ALL_CASES ? !"COMPLETED".equals(progress.get("state").asText()) : Instant.now().isBefore(deadline)) {
      Thread.sleep(1000);
      progress = call("GET", "/api/portfolio/imports/" + id + "?size=1", null, null);
      started = progress.get("casesStarted").asLong();
    }
    double caseSeconds = Duration.between(from, Instant.now()).toMillis() / 1000.0;
    note("Case starting: %,d cases in %.1f s = %.1f cases/s (embedded engine, %s)", started - startedAtFrom, caseSeconds,
        (started - startedAtFrom) / caseSeconds, ALL_CASES ? "every case" : "first " + CASE_SECONDS + " s");

    if (ALL_CASES) {
      assertThat(started).isEqualTo(good);
      // every instance the engine created, from its records (projected as it goes: the log itself is compacted)
      Long notOnce = jdbc.queryForObject(
          "select count(*) from debt d where d.import_id = ? and (select count(*) from engine_process_instance i"
              + " where i.debt_id = d.id and i.engine_id = ?) <> 1", Long.class, UUID.fromString(id), engine.epoch());
      note("Process instances: %,d of %,d imported debts do not have exactly one (engine records)", notOnce, good);
      assertThat(notOnce).isZero();
      Instant until = Instant.now().plusSeconds(600);
      int inIntake;
      while ((inIntake = jdbc.queryForObject(
          "select count(*) from debt where import_id = ? and stage = 'INTAKE'", Integer.class, UUID.fromString(id))) > 0
          && Instant.now().isBefore(until)) {
        Thread.sleep(1000);
      }
      note("Debts still in INTAKE: %d", inIntake);
      assertThat(inIntake).isZero();
    }
  }

  /** Writes the portfolio and, for its good rows, the yardstick's COPY input. @return the good rows */
  int generate(Path csv, LocalDate today, String storedRef) throws IOException {
    int step = BAD == 0 ? Integer.MAX_VALUE : ROWS / BAD;
    java.util.Random random = new java.util.Random(42);
    String now = Instant.parse(CollectionsTest.START).toString();
    int good = 0;
    try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8);
        BufferedWriter debtors = Files.newBufferedWriter(dir.resolve("copy-debtors.csv"));
        BufferedWriter debts = Files.newBufferedWriter(dir.resolve("copy-debts.csv"));
        BufferedWriter events = Files.newBufferedWriter(dir.resolve("copy-events.csv"))) {
      out.write(String.join(",", CsvRows.COLUMNS) + "\n");
      String lastGoodRef = null;
      String lastDebtorRef = null;
      int bad = 0;
      for (int i = 1; i <= ROWS; i++) {
        String ref = "BENCH-" + run + "-" + i;
        String[] zone = ZONES[i % ZONES.length];
        String debtorRef = i % 5 == 0 ? "" : "BCUST-" + run + "-" + (i / 2);
        String name = "Debtor " + i;
        String principal = (1 + random.nextInt(20_000)) + "." + String.format(Locale.ROOT, "%02d", random.nextInt(100));
        String currency = "USD";
        String due = today.minusDays(1 + random.nextInt(400)).toString();
        String product = PRODUCTS[i % PRODUCTS.length];
        boolean isBad = bad < BAD && i % step == 0;
        if (isBad) {
          int kind = bad++ % KINDS;
          switch (kind) {
            case 0 -> name = "";
            case 1 -> principal = "0";
            case 2 -> principal = "-" + principal;
            case 3 -> principal = principal + "5";
            case 4 -> currency = "JPY";
            case 5 -> currency = "XYZ";
            case 6 -> due = today.getDayOfMonth() + "/" + today.getMonthValue() + "/" + today.getYear();
            case 7 -> zone = new String[] {"Mars/Olympus", "US-NY"};
            case 8 -> ref = lastGoodRef;
            case 9 -> ref = storedRef;
            case 10 -> name = "\"Debtor " + i;
            default -> {}
          }
          if (kind == 11) {
            out.write(ref + "," + name + "," + principal + "\n");
            continue;
          }
        }
        out.write(String.join(",", ref, debtorRef, name, "d" + i + "@example.org", "+1 212 555 0100", zone[0], zone[1],
            principal, currency, due, product) + "\n");
        if (isBad) {
          continue;
        }
        good++;
        lastGoodRef = ref;
        UUID debtorId = UUID.nameUUIDFromBytes(("debtor" + run + (debtorRef.isEmpty() ? "row" + i : debtorRef)).getBytes());
        if (debtorRef.isEmpty() || !debtorRef.equals(lastDebtorRef)) {
          debtors.write(String.join(",", debtorId.toString(), debtorRef.isEmpty() ? "" : debtorRef, name,
              "d" + i + "@example.org", "+1 212 555 0100", zone[0], zone[1], now) + "\n");
        }
        lastDebtorRef = debtorRef;
        UUID debtId = UUID.randomUUID();
        debts.write(String.join(",", debtId.toString(), ref, debtorId.toString(), principal, currency, due, product,
            "INTAKE", "OPEN", now, "0") + "\n");
        String opened = "{\"\"externalRef\"\":\"\"" + ref + "\"\",\"\"principal\"\":\"\"" + principal
            + "\"\",\"\"currency\"\":\"\"USD\"\",\"\"importId\"\":\"\"" + run + "\"\",\"\"line\"\":" + (i + 1) + "}";
        events.write(debtId + "," + now + ",CASE_OPENED,Case opened for " + principal + " USD (" + product + "),\"" + opened + "\"\n");
        String audit = "{\"\"actor\"\":\"\"admin\"\",\"\"entity\"\":\"\"Debt\"\",\"\"entityId\"\":\"\"" + debtId
            + "\"\",\"\"action\"\":\"\"CREATED\"\",\"\"before\"\":{},\"\"after\"\":{\"\"createdAt\"\":\"\"" + now
            + "\"\",\"\"currency\"\":\"\"USD\"\",\"\"debtor\"\":\"\"" + debtorId + "\"\",\"\"dueDate\"\":\"\"" + due
            + "\"\",\"\"externalRef\"\":\"\"" + ref + "\"\",\"\"heldDays\"\":0,\"\"principal\"\":\"\"" + principal
            + "\"\",\"\"product\"\":\"\"" + product + "\"\",\"\"stage\"\":\"\"INTAKE\"\",\"\"status\"\":\"\"OPEN\"\"},"
            + "\"\"source\"\":\"\"portfolio import " + run + ", line " + (i + 1) + "\"\"}";
        events.write(debtId + "," + now + ",AUDIT,Debt created by admin,\"" + audit + "\"\n");
      }
    }
    return good;
  }

  JsonNode call(String method, String path, String contentType, HttpRequest.BodyPublisher body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes()))
        .timeout(Duration.ofMinutes(5));
    if (body != null) {
      request.header("Content-Type", contentType).method(method, body);
    }
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
    return json.readTree(response.body());
  }

  void note(String format, Object... args) throws IOException {
    String line = String.format(Locale.ROOT, format, args);
    System.out.println(line);
    report.add(line);
    Files.write(dir.resolve("result-" + ROWS + ".txt"), report);
  }
}
