package org.opencollections.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opencollections.support.Api;
import org.opencollections.support.CollectionsTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * F8: a corpus of bad input ({@code src/test/resources/faults/bad-inputs.tsv}) sent to every state-changing
 * endpoint: each is answered 4xx as an RFC 9457 problem naming the field (never a 500, never a 2xx), and
 * nothing is stored. Imports mix good and bad rows, with a byte order mark and CRLF line ends: the good rows
 * are stored, each bad one is rejected with its reason.
 */
@CollectionsTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {

  @Autowired TestRestTemplate rest;
  @Autowired JdbcTemplate jdbc;
  @Autowired ApplicationContext app;
  @LocalServerPort int port;
  final ObjectMapper json = new ObjectMapper();
  Api api;
  Http http;
  Invariants invariants;
  /** A case in its reminders with one payment, a case at its negotiation task: what the paths name. */
  final Map<String, String> fixture = new LinkedHashMap<>();
  List<String> fixtureDebts;

  @BeforeAll
  void fixture() {
    api = new Api(rest);
    http = new Http(port, "admin");
    invariants = Invariants.fromNow(app);
    String debt = api.createDebt("12000.00", api.dateInDays(-20), "PERSONAL_LOAN");
    api.awaitTimeline(debt, Api.type("CONTACT"));
    String posting = api.pay(debt, "F8-GOOD-" + UUID.randomUUID(), "100.00").getBody().get("postingId").asText();
    api.advance("P3D");
    JsonNode task = api.awaitTask(debt, "Task_NegotiateWithDebtor");
    fixture.put("{debt}", debt);
    fixture.put("{debtor}", api.debt(debt).get("debtorId").asText());
    fixture.put("{posting}", posting);
    fixture.put("{task}", task.get("id").asText());
    fixture.put("{date+5}", api.dateInDays(5));
    fixtureDebts = List.of(debt);
    invariants.noJobStuck(fixtureDebts); // at rest at its task: nothing of the process writes meanwhile
  }

  static Stream<Arguments> corpus() throws IOException {
    List<Arguments> cases = new ArrayList<>();
    try (InputStream in = BadInputTest.class.getResourceAsStream("/faults/bad-inputs.tsv")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t", 6);
        cases.add(Arguments.of(f[0], f[1], f[2], Integer.parseInt(f[3]), f[4].equals("-") ? null : f[4], f[5]));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void aBadRequestIsAProblemNamingTheFieldAndStoresNothing(
      String name, String method, String path, int status, String field, String body) throws Exception {
    Map<String, Object> before = stored();

    Http.Answer answer = http.send(method, fill(path), "application/json", fill(body).getBytes(StandardCharsets.UTF_8));

    assertProblem(answer, status, field);
    assertThat(stored()).as("what is stored after: " + name).isEqualTo(before);
  }

  /** 10 MB in one field: refused as too long, not a 500, not an out-of-memory, nothing stored. */
  @ParameterizedTest(name = "10 MB {0}")
  @MethodSource("tenMegabytes")
  void aTenMegabyteBodyIsAProblemAndStoresNothing(String path, String field, String body) throws Exception {
    Map<String, Object> before = stored();

    Http.Answer answer = http.send("POST", fill(path), "application/json", body.getBytes(StandardCharsets.UTF_8));

    assertThat(answer.status()).as(answer.body().length() > 500 ? answer.body().substring(0, 500) : answer.body())
        .isBetween(400, 499);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    if (answer.status() == 400) {
      assertThat(json.readTree(answer.body()).path("errors").has(field)).as(answer.body()).isTrue();
    }
    assertThat(stored()).isEqualTo(before);
  }

  Stream<Arguments> tenMegabytes() {
    String big = "x".repeat(10 * 1024 * 1024);
    return Stream.of(
        Arguments.of("/api/debts", "externalRef", "{\"externalRef\": \"" + big + "\", \"debtor\": {\"name\": \"Dana\","
            + " \"timeZone\": \"America/New_York\", \"jurisdiction\": \"US-NY\"}, \"principal\": \"10.00\","
            + " \"currency\": \"USD\", \"dueDate\": \"2027-02-01\", \"product\": \"CREDIT_CARD\"}"),
        Arguments.of("/api/debts/{debt}/payments", "reference",
            "{\"reference\": \"" + big + "\", \"amount\": \"10.00\", \"currency\": \"USD\"}"),
        Arguments.of("/api/debts/{debt}/holds", "reason", "{\"kind\": \"DISPUTE\", \"reason\": \"" + big + "\"}"),
        Arguments.of("/api/debts/{debt}/payments", "amount",
            "{\"reference\": \"R\", \"amount\": \"" + "9".repeat(10 * 1024 * 1024) + "\", \"currency\": \"USD\"}"));
  }

  /** A CSV file with a byte order mark and CRLF line ends, good and bad rows mixed. */
  @Test
  void aCsvWithBomAndCrlfStoresTheGoodRowsAndRejectsEachBadOneWithItsReason() throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    JsonNode done = importFile("text/csv", "/faults/mixed-bom-crlf.csv", run);

    Map<Integer, String> reasons = reasons(done);
    assertThat(reasons).containsOnlyKeys(3, 4, 5, 6, 7, 8, 9, 11, 12, 14);
    assertThat(reasons.get(3)).contains("principal");
    assertThat(reasons.get(4)).contains("principal");
    assertThat(reasons.get(5)).contains("principal", "decimals");
    assertThat(reasons.get(6)).contains("currency");
    assertThat(reasons.get(7)).contains("dueDate");
    assertThat(reasons.get(8)).contains("dueDate");
    assertThat(reasons.get(9)).contains("debtor.timeZone");
    assertThat(reasons.get(11)).contains("currency");
    assertThat(reasons.get(12)).contains("not valid CSV");
    assertThat(reasons.get(14)).contains("principal");
    Map<String, String> stored = storedDebts(done);
    assertThat(stored).containsOnlyKeys(ref(run, "good-1"), ref(run, "good-2"), ref(run, "good-3"), ref(run, "good-4"));
    // the first column's name kept no BOM, the last value no CR; text is stored as it came, quotes and all
    assertThat(jdbc.queryForObject("select product from debt where id = ?::uuid", String.class, stored.get(ref(run, "good-1"))))
        .isEqualTo("CREDIT_CARD");
    assertThat(jdbc.queryForObject(
            "select r.name from debt d join debtor r on r.id = d.debtor_id where d.id = ?::uuid", String.class,
            stored.get(ref(run, "good-2"))))
        .isEqualTo("O'Brien; DROP TABLE debt; --");
    assertThat(jdbc.queryForObject("select principal::text from debt where id = ?::uuid", String.class, stored.get(ref(run, "good-3"))))
        .isEqualTo("5000.00");
    assertThat(jdbc.queryForObject("select count(*) from posting", Long.class)).isPositive(); // the ledger is still there
    invariants.importAccountedFor(done.get("id").asText(), 14);
    invariants.oneCasePerDebt(stored.values());
  }

  /** JSON Lines with a BOM and CRLF: the good lines are stored, each bad one is rejected with its reason. */
  @Test
  void jsonLinesWithBomAndCrlfStoreTheGoodLinesAndRejectEachBadOne() throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    JsonNode done = importFile("application/x-ndjson", "/faults/mixed-crlf.jsonl", run);

    Map<Integer, String> reasons = reasons(done);
    assertThat(reasons).containsOnlyKeys(2, 3, 4, 5, 6, 7, 8, 9);
    assertThat(reasons.get(4)).contains("principal");
    assertThat(reasons.get(5)).contains("debtor");
    assertThat(reasons.get(6)).contains("principal");
    assertThat(reasons.get(7)).contains("currency");
    assertThat(reasons.get(8)).contains("dueDate");
    assertThat(reasons.get(9)).contains("colour");
    assertThat(storedDebts(done)).containsOnlyKeys(ref(run, "j-good-1"), ref(run, "j-good-2"));
    invariants.importAccountedFor(done.get("id").asText(), 10);
    invariants.oneCasePerDebt(storedDebts(done).values());
  }

  private JsonNode importFile(String contentType, String resource, String run) throws IOException {
    byte[] file;
    try (InputStream in = getClass().getResourceAsStream(resource)) {
      file = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{run}", run).getBytes(StandardCharsets.UTF_8);
    }
    assertThat(file[0]).as("the file starts with a byte order mark").isEqualTo((byte) 0xEF);
    Http.Answer accepted = http.send("POST", "/api/portfolio/imports", contentType, file);
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
    String id = json.readTree(accepted.body()).get("id").asText();
    JsonNode done = await().atMost(Api.PATIENCE).pollInterval(Duration.ofMillis(200))
        .until(() -> api.get("/api/portfolio/imports/" + id + "?size=1000").getBody(),
            v -> !List.of("RECEIVED", "STORING", "STARTING_CASES").contains(v.get("state").asText()));
    assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("COMPLETED");
    return done;
  }

  private static String ref(String run, String name) {
    return "F8-" + run + "-" + name;
  }

  private static Map<Integer, String> reasons(JsonNode done) {
    Map<Integer, String> reasons = new LinkedHashMap<>();
    done.get("rejections").get("rows").forEach(r -> {
      assertThat(r.get("reasons")).as("a rejection without a reason").isNotEmpty();
      reasons.put(r.get("line").asInt(), r.get("reasons").toString());
    });
    return reasons;
  }

  private Map<String, String> storedDebts(JsonNode done) {
    Map<String, String> debts = new LinkedHashMap<>();
    jdbc.query("select external_ref, id::text from debt where import_id = ?::uuid",
        rs -> {
          debts.put(rs.getString(1), rs.getString(2));
        }, done.get("id").asText());
    return debts;
  }

  private void assertProblem(Http.Answer answer, int status, String field) throws IOException {
    assertThat(answer.status()).as(answer.body()).isEqualTo(status);
    assertThat(answer.contentType()).as(answer.body()).startsWith("application/problem+json");
    JsonNode problem = json.readTree(answer.body());
    assertThat(problem.get("status").asInt()).isEqualTo(status);
    if (field != null) {
      JsonNode errors = problem.path("errors");
      List<String> named = new ArrayList<>();
      errors.fieldNames().forEachRemaining(named::add);
      assertThat(named).as("fields named in " + answer.body()).anyMatch(n -> n.equals(field) || n.startsWith(field + "[") || n.startsWith(field + "."));
    }
  }

  /** What a request could have stored: rows of the fixture's case and debtor, the whole of some tables, the clock. */
  private Map<String, Object> stored() {
    Map<String, Object> counts = new LinkedHashMap<>();
    for (String table : List.of("debt", "debtor", "portfolio_import", "contact_preferences")) {
      counts.put(table, jdbc.queryForObject("select count(*) from " + table, Long.class));
    }
    String debt = fixture.get("{debt}");
    for (String table : List.of("posting", "hold", "contact_attempt", "commitment", "case_event", "legal_referral")) {
      counts.put(table + " of the case", jdbc.queryForObject("select count(*) from " + table + " where debt_id = ?::uuid", Long.class, debt));
    }
    counts.put("case", jdbc.queryForMap("select stage, status, assignee, version from debt where id = ?::uuid", debt).toString());
    counts.put("task open", jdbc.queryForObject(
        "select count(*) from engine_user_task where user_task_key = ?", Long.class, Long.parseLong(fixture.get("{task}"))));
    counts.put("clock offset", api.get("/api/simulation/clock").getBody().get("offset").asText());
    return counts;
  }

  private String fill(String text) {
    String filled = text;
    for (var e : fixture.entrySet()) {
      filled = filled.replace(e.getKey(), e.getValue());
    }
    return filled;
  }
}
