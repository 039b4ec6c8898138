package org.opencollections.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceCreationIntent;
import io.camunda.zeebe.protocol.record.value.ProcessInstanceCreationRecordValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.opencollections.engine.embedded.EmbeddedEngine;
import org.opencollections.support.Api;
import org.opencollections.support.CollectionsTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/** Imports through the HTTP API: every bad row is listed with its line and reason, every good one gets one case. */
@CollectionsTest
@Order(3)
class PortfolioImportApiTest {

  static final String HEADER =
      "externalRef,debtor.externalRef,debtor.name,debtor.email,debtor.phone,debtor.timeZone,debtor.jurisdiction,"
          + "principal,currency,dueDate,product";

  @Autowired TestRestTemplate http;
  @Autowired EmbeddedEngine engine;
  @Autowired JdbcTemplate jdbc;
  Api api;
  String run;
  String due;

  @BeforeEach
  void setUp() {
    api = new Api(http);
    run = UUID.randomUUID().toString().substring(0, 8);
    due = api.dateInDays(-20);
  }

  String ref(String name) {
    return "IMP-" + run + "-" + name;
  }

  String csvRow(String ref, String debtorRef, String name, String zone, String principal, String currency, String dueDate) {
    return String.join(
        ",", ref, debtorRef, name, "dana@example.org", "+1 212 555 0100", zone, "US-NY", principal, currency, dueDate,
        "CREDIT_CARD");
  }

  @Test
  void csvRowsAreStoredOrRejectedWithTheirLineAndReasonAndEachDebtGetsOneCase() {
    String stored = api.createDebt(Map.of(
        "externalRef", ref("stored"),
        "debtor", Map.of("name", "Sam", "timeZone", "America/New_York", "jurisdiction", "US-NY"),
        "principal", "100.00", "currency", "USD", "dueDate", due, "product", "CREDIT_CARD"));
    String zone = "America/New_York";
    List<String> lines = new ArrayList<>(List.of(
        HEADER,                                                                                   // 1
        csvRow(ref("a"), "CUST-" + run, "Dana Debtor", zone, "1250.50", "USD", due),              // 2 imported
        csvRow(ref("b"), "CUST-" + run, "Dana D.", zone, "300", "USD", due),                      // 3 imported, same debtor
        csvRow(ref("c"), "", "", zone, "300", "USD", due),                                        // 4 name missing
        csvRow(ref("d"), "", "Dana", zone, "0", "USD", due),                                      // 5 zero
        csvRow(ref("e"), "", "Dana", zone, "-5", "USD", due),                                     // 6 negative
        csvRow(ref("f"), "", "Dana", zone, "10.999", "USD", due),                                 // 7 three decimals
        csvRow(ref("g"), "", "Dana", zone, "10.50", "JPY", due),                                  // 8 decimals of JPY
        csvRow(ref("h"), "", "Dana", zone, "10.00", "XYZ", due),                                  // 9 currency
        csvRow(ref("i"), "", "Dana", zone, "10.00", "USD", "15/01/2026"),                         // 10 date
        csvRow(ref("j"), "", "Dana", "Mars/Olympus", "10.00", "USD", due),                        // 11 zone
        csvRow(ref("a"), "", "Dana", zone, "10.00", "USD", due),                                  // 12 duplicate in file
        csvRow(ref("stored"), "", "Dana", zone, "10.00", "USD", due),                             // 13 already stored
        ref("k") + ",,\"Dana, unclosed,x@example.org,,America/New_York,US-NY,10.00,USD," + due + ",CREDIT_CARD", // 14
        ref("l") + ",Dana,10.00",                                                                 // 15 too few fields
        "",                                                                                       // 16 blank: no row
        csvRow(ref("m"), "", "\"Dana\nSecond Line\"", zone, "75.25", "USD", due),                 // 17-18 imported
        csvRow("", "", "Dana", zone, "10.00", "USD", "")));                                       // 19 ref and date missing

    double createdBefore = casesStartedMetric();
    JsonNode done = importAndAwait("text/csv", String.join("\n", lines) + "\n");

    assertThat(done.get("rowsRead").asInt()).isEqualTo(16);
    assertThat(done.get("imported").asInt()).isEqualTo(3);
    assertThat(done.get("rejected").asInt()).isEqualTo(13);
    Map<Integer, String> reasons = reasonsByLine(done);
    assertThat(reasons).containsOnlyKeys(4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 19);
    assertThat(reasons.get(4)).contains("debtor.name is missing");
    assertThat(reasons.get(5)).contains("principal '0' must be greater than zero");
    assertThat(reasons.get(6)).contains("principal '-5'");
    assertThat(reasons.get(7)).contains("principal '10.999'", "has more decimals than USD allows");
    assertThat(reasons.get(8)).contains("has more decimals than JPY allows");
    assertThat(reasons.get(9)).contains("currency 'XYZ' is not an ISO 4217 currency");
    assertThat(reasons.get(10)).contains("dueDate '15/01/2026' is not a date").doesNotContain("dueDate is missing");
    assertThat(reasons.get(11)).contains("debtor.timeZone 'Mars/Olympus' is not an IANA time zone");
    assertThat(reasons.get(12)).contains("appears again", "line 2");
    assertThat(reasons.get(13)).contains("already exists");
    assertThat(reasons.get(14)).contains("not valid CSV", "not closed");
    assertThat(reasons.get(15)).contains("3 fields", "header has 11");
    assertThat(reasons.get(19)).contains("externalRef is missing", "dueDate is missing");
    assertThat(rejection(done, 13).get("externalRef").asText()).isEqualTo(ref("stored"));

    Map<String, String> debts = importedDebts(done);
    assertThat(debts).containsOnlyKeys(ref("a"), ref("b"), ref("m"));
    JsonNode a = api.debt(debts.get(ref("a")));
    JsonNode b = api.debt(debts.get(ref("b")));
    assertThat(a.get("principal").asText()).isEqualTo("1250.50");
    assertThat(b.get("debtorId").asText()).isEqualTo(a.get("debtorId").asText());
    assertThat(api.debt(stored).get("debtorId").asText()).isNotEqualTo(a.get("debtorId").asText());
    assertThat(api.timeline(debts.get(ref("m")))).extracting(e -> e.get("type").asText()).startsWith("CASE_OPENED");
    // the work queue of this portfolio: its debts and no other
    JsonNode queue = api.get("/api/debts?importId=" + done.get("id").asText() + "&size=200").getBody();
    assertThat(queue.get("total").asInt()).isEqualTo(3);
    assertThat(queue.get("items")).extracting(i -> i.get("externalRef").asText())
        .containsExactlyInAnyOrder(ref("a"), ref("b"), ref("m"));
    assertOneCaseEach(debts.values());
    // the starter's pace is observable: its counter counts these three (and whatever else started meanwhile)
    assertThat(casesStartedMetric() - createdBefore).isGreaterThanOrEqualTo(3);
    // line by line, which debt each line became: a page of two, then the rest
    String importPath = "/api/portfolio/imports/" + done.get("id").asText();
    JsonNode first = api.get(importPath + "/debts?size=2").getBody();
    assertThat(first.get("items")).extracting(i -> i.get("line").asInt() + " " + i.get("externalRef").asText())
        .containsExactly("2 " + ref("a"), "3 " + ref("b"));
    assertThat(first.get("items").get(0).get("debtId").asText()).isEqualTo(debts.get(ref("a")));
    assertThat(first.get("nextAfterLine").asInt()).isEqualTo(3);
    JsonNode rest = api.get(importPath + "/debts?size=2&afterLine=3").getBody();
    assertThat(rest.get("items")).extracting(i -> i.get("line").asInt() + " " + i.get("caseStarted").asBoolean())
        .containsExactly("17 true");
    assertThat(rest.get("nextAfterLine").isNull()).isTrue();
    assertThat(api.get("/api/portfolio/imports/" + UUID.randomUUID() + "/debts").getStatusCode().value()).isEqualTo(404);
  }

  @Test
  void aNulCharacterOrAFiveDigitYearCostsOnlyItsOwnRow() {
    String zone = "America/New_York";
    String csv = String.join("\n",
        HEADER,                                                                         // 1
        csvRow(ref("n1"), "", "Dana\u0000Debtor", zone, "100.00", "USD", due),          // 2 NUL in the name
        csvRow(ref("n2"), "", "Dana", zone, "100.00", "USD", "+10000-01-01"),           // 3 year 10000
        csvRow(ref("n3"), "", "Dana", zone, "12.345", "KWD", due)) + "\n";              // 4 imported, three decimals

    JsonNode done = importAndAwait("text/csv", csv);

    assertThat(done.get("imported").asInt()).isEqualTo(1);
    assertThat(done.get("rejected").asInt()).isEqualTo(2);
    Map<Integer, String> reasons = reasonsByLine(done);
    assertThat(reasons.get(2)).contains("debtor.name contains a NUL character");
    assertThat(reasons.get(3)).contains("dueDate", "9999-12-31");
    String kwd = importedDebts(done).get(ref("n3"));
    assertThat(jdbc.queryForObject("select principal::text from debt where id = ?::uuid", String.class, kwd))
        .isEqualTo("12.345");
  }

  /**
   * The import writes with COPY what the API writes through JPA and the audit listener: the same opening
   * entry and the same audit record of the debt's creation, but for its ids, times, actor and source.
   */
  @Test
  void anImportedDebtIsRecordedAsAnApiRegisteredOneIs() {
    String zone = "America/New_York";
    String viaApi = api.createDebt(Map.of(
        "externalRef", ref("api"),
        "debtor", Map.of("name", "Dana", "email", "dana@example.org", "phone", "+1 212 555 0100",
            "timeZone", zone, "jurisdiction", "US-NY"),
        "principal", "250.5", "currency", "USD", "dueDate", due, "product", "CREDIT_CARD"));
    JsonNode done = importAndAwait("text/csv", HEADER + "\n" + csvRow(ref("csv"), "", "Dana", zone, "250.5", "USD", due) + "\n");
    String viaImport = importedDebts(done).get(ref("csv"));

    JsonNode apiOpened = entry(viaApi, "CASE_OPENED");
    JsonNode importOpened = entry(viaImport, "CASE_OPENED");
    assertThat(importOpened.get("summary")).isEqualTo(apiOpened.get("summary"));
    // the imported one also says where it came from
    assertThat(importOpened.get("details").get("importId").asText()).isEqualTo(done.get("id").asText());
    assertThat(importOpened.get("details").get("line").asInt()).isEqualTo(2);
    assertThat(without(importOpened.get("details"), "externalRef", "importId", "line"))
        .isEqualTo(without(apiOpened.get("details"), "externalRef"));

    JsonNode apiAudit = debtCreated(viaApi);
    JsonNode importAudit = debtCreated(viaImport);
    assertThat(importAudit.get("source").asText()).contains(done.get("id").asText(), "line 2");
    assertThat(fieldNames(without(importAudit, "source"))).isEqualTo(fieldNames(apiAudit));
    assertThat(importAudit.get("before")).isEqualTo(apiAudit.get("before"));
    assertThat(without(importAudit.get("after"), "externalRef", "debtor", "createdAt"))
        .isEqualTo(without(apiAudit.get("after"), "externalRef", "debtor", "createdAt"));
    assertThat(fieldNames(importAudit.get("after"))).isEqualTo(fieldNames(apiAudit.get("after")));
  }

  private JsonNode entry(String debt, String type) {
    return api.timeline(debt).stream().filter(e -> type.equals(e.get("type").asText())).findFirst().orElseThrow();
  }

  private JsonNode debtCreated(String debt) {
    return api.timeline(debt).stream()
        .filter(e -> "AUDIT".equals(e.get("type").asText()))
        .map(e -> e.get("details"))
        .filter(d -> "Debt".equals(d.path("entity").asText()) && "CREATED".equals(d.path("action").asText()))
        .findFirst().orElseThrow();
  }

  private static JsonNode without(JsonNode node, String... fields) {
    var copy = ((com.fasterxml.jackson.databind.node.ObjectNode) node).deepCopy();
    copy.remove(List.of(fields));
    return copy;
  }

  private static java.util.Set<String> fieldNames(JsonNode node) {
    java.util.Set<String> names = new java.util.TreeSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void bytesThatAreNotUtf8CostOnlyTheirRow() throws Exception {
    var body = new java.io.ByteArrayOutputStream();
    body.write((HEADER + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    body.write((ref("u1") + ",,Dana ").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    body.write(new byte[] {(byte) 0xC3, (byte) 0x28}); // not UTF-8
    body.write((",,,America/New_York,US-NY,10.00,USD," + due + ",CREDIT_CARD\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    body.write((csvRow(ref("u2"), "", "Dana", "America/New_York", "20.00", "USD", due) + "\n")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8));

    JsonNode done = importAndAwait("text/csv", body.toByteArray());

    assertThat(done.get("imported").asInt()).isEqualTo(1);
    assertThat(reasonsByLine(done).get(2)).contains("debtor.name contains bytes that are not UTF-8");
    assertThat(importedDebts(done)).containsOnlyKeys(ref("u2"));
  }

  @Test
  void jsonLinesRowsAreStoredOrRejectedWithTheirLineAndReason() {
    Map<String, Object> good = Api.debtRequest("480.00", due, "PERSONAL_LOAN");
    Map<String, Object> otherGood = new HashMap<>(Api.debtRequest("99.99", due, "PERSONAL_LOAN"));
    otherGood.put("debtor", Map.of("externalRef", "JCUST-" + run, "name", "Jo", "timeZone", "Asia/Kolkata", "jurisdiction", "IN"));
    Map<String, Object> sameDebtor = new HashMap<>(Api.debtRequest("12.00", due, "PERSONAL_LOAN"));
    sameDebtor.put("debtor", Map.of("externalRef", "JCUST-" + run, "name", "Someone Else", "timeZone", "UTC", "jurisdiction", "IN"));
    Map<String, Object> badDateAndZone = new HashMap<>(Api.debtRequest("10.00", "2027-13-45", "PERSONAL_LOAN"));
    badDateAndZone.put("debtor", Map.of("name", "Jo", "timeZone", "Nowhere/City", "jurisdiction", "IN"));
    Map<String, Object> unknownField = new HashMap<>(Api.debtRequest("10.00", due, "PERSONAL_LOAN"));
    unknownField.put("balance", "10.00");
    Map<String, Object> noDebtor = new HashMap<>(Api.debtRequest("10.00", due, "PERSONAL_LOAN"));
    noDebtor.remove("debtor");
    String body = String.join("\n",
        json(good),                                        // 1 imported
        "{\"externalRef\": \"broken",                       // 2 not JSON
        json(badDateAndZone),                              // 3 date and zone
        "[1, 2]",                                          // 4 not an object
        json(unknownField),                                // 5 unknown field
        "",                                                // 6 blank: no row
        json(noDebtor),                                    // 7 debtor missing
        json(good),                                        // 8 duplicate of line 1
        json(otherGood),                                   // 9 imported, new debtor
        json(sameDebtor) + " {}",                          // 10 trailing content
        json(sameDebtor));                                 // 11 imported, joins the debtor of line 9

    JsonNode done = importAndAwait("application/x-ndjson", body);

    assertThat(done.get("rowsRead").asInt()).isEqualTo(10);
    assertThat(done.get("imported").asInt() + done.get("rejected").asInt()).isEqualTo(10);
    Map<Integer, String> reasons = reasonsByLine(done);
    assertThat(reasons).containsOnlyKeys(2, 3, 4, 5, 7, 8, 10);
    assertThat(reasons.get(2)).contains("not valid JSON");
    assertThat(reasons.get(3)).contains("dueDate '2027-13-45' is not a date", "debtor.timeZone 'Nowhere/City'");
    assertThat(reasons.get(4)).contains("not a JSON object");
    assertThat(reasons.get(5)).contains("balance is not a known field");
    assertThat(reasons.get(7)).contains("debtor is missing");
    assertThat(reasons.get(8)).contains("appears again", "line 1");
    assertThat(reasons.get(10)).contains("not valid JSON");

    Map<String, String> debts = importedDebts(done);
    assertThat(debts).hasSize(3);
    assertThat(api.debt(debts.get(sameDebtor.get("externalRef"))).get("debtorId").asText())
        .isEqualTo(api.debt(debts.get(otherGood.get("externalRef"))).get("debtorId").asText());
    assertThat(api.debt(debts.get(sameDebtor.get("externalRef"))).get("timeZone").asText())
        .as("a known debtor keeps the details stored first").isEqualTo("Asia/Kolkata");
    assertOneCaseEach(debts.values());
  }

  @Test
  void rejectedRowsArePaged() {
    StringBuilder csv = new StringBuilder(HEADER).append('\n');
    for (int i = 0; i < 7; i++) {
      csv.append(csvRow(ref("p" + i), "", "Dana", "America/New_York", "0", "USD", due)).append('\n');
    }
    String id = importAndAwait("text/csv", csv.toString()).get("id").asText();

    JsonNode page = api.get("/api/portfolio/imports/" + id + "?page=1&size=3").getBody();
    assertThat(page.get("rejections").get("total").asInt()).isEqualTo(7);
    assertThat(page.get("rejections").get("rows")).extracting(r -> r.get("line").asInt()).containsExactly(5, 6, 7);
    assertThat(api.get("/api/portfolio/imports/" + id + "?size=5000").getStatusCode().value()).isEqualTo(400);
  }

  @Test
  void refusesWhatIsNotAPortfolioAndKeepsNothing() {
    ResponseEntity<JsonNode> json = send("application/json", "{}");
    assertThat(json.getStatusCode().value()).isEqualTo(415);
    assertThat(json.getBody().get("detail").asText()).contains("text/csv", "application/x-ndjson");

    ResponseEntity<JsonNode> empty = send("text/csv", "");
    assertThat(empty.getStatusCode().value()).isEqualTo(400);
    assertThat(empty.getBody().get("errors").get("body").asText()).contains("empty");

    ResponseEntity<JsonNode> headerOnly = send("text/csv", HEADER + "\n");
    assertThat(headerOnly.getStatusCode().value()).isEqualTo(400);
    assertThat(headerOnly.getBody().get("errors").get("body").asText()).contains("no rows");

    ResponseEntity<JsonNode> badHeader = send("text/csv", "externalRef,amount\nX,1\n");
    assertThat(badHeader.getStatusCode().value()).isEqualTo(400);
    assertThat(badHeader.getBody().get("errors").get("body").asText())
        .contains("unknown column 'amount'", "missing columns debtor.name", "Expected: " + HEADER);

    ResponseEntity<JsonNode> blankLines = send("application/x-ndjson", "\n \n");
    assertThat(blankLines.getStatusCode().value()).isEqualTo(400);

    assertThat(api.get("/api/portfolio/imports/" + UUID.randomUUID()).getStatusCode().value()).isEqualTo(404);
  }

  ResponseEntity<JsonNode> send(String contentType, Object body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.parseMediaType(contentType));
    return http.withBasicAuth("admin", "admin")
        .exchange("/api/portfolio/imports", HttpMethod.POST, new HttpEntity<>(body, headers), JsonNode.class);
  }

  /** Posts the file, checks the 202, and waits until every imported debt has its case. */
  JsonNode importAndAwait(String contentType, Object body) {
    ResponseEntity<JsonNode> accepted = send(contentType, body);
    assertThat(accepted.getStatusCode().value()).as(String.valueOf(accepted.getBody())).isEqualTo(202);
    String id = accepted.getBody().get("id").asText();
    assertThat(accepted.getHeaders().getLocation()).hasToString("/api/portfolio/imports/" + id);
    JsonNode done =
        await().atMost(Api.PATIENCE).pollInterval(Duration.ofMillis(200))
            .until(() -> api.get("/api/portfolio/imports/" + id + "?size=1000").getBody(),
                v -> !List.of("RECEIVED", "STORING", "STARTING_CASES").contains(v.get("state").asText()));
    assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("COMPLETED");
    assertThat(done.get("imported").asInt() + done.get("rejected").asInt()).isEqualTo(done.get("rowsRead").asInt());
    assertThat(done.get("casesStarted").asInt()).isEqualTo(done.get("imported").asInt());
    return done;
  }

  static Map<Integer, String> reasonsByLine(JsonNode done) {
    Map<Integer, String> reasons = new HashMap<>();
    done.get("rejections").get("rows").forEach(r -> {
      assertThat(r.get("reasons")).isNotEmpty();
      reasons.put(r.get("line").asInt(), r.get("reasons").toString());
    });
    return reasons;
  }

  static JsonNode rejection(JsonNode done, int line) {
    for (JsonNode r : done.get("rejections").get("rows")) {
      if (r.get("line").asInt() == line) {
        return r;
      }
    }
    throw new AssertionError("no rejection on line " + line);
  }

  double casesStartedMetric() {
    JsonNode metric = api.get("/actuator/metrics/collections.cases.starts?tag=outcome:created").getBody();
    return metric.get("measurements").get(0).get("value").asDouble();
  }

  Map<String, String> importedDebts(JsonNode done) {
    Map<String, String> debts = new HashMap<>();
    jdbc.query("select external_ref, id from debt where import_id = ?",
        rs -> {
          debts.put(rs.getString(1), rs.getString(2));
        },
        UUID.fromString(done.get("id").asText()));
    return debts;
  }

  /** Each debt leaves intake in its own process, and the engine created exactly one instance for it. */
  void assertOneCaseEach(java.util.Collection<String> debtIds) {
    for (String id : debtIds) {
      await().atMost(Api.PATIENCE).until(() -> api.debt(id), d -> !"INTAKE".equals(d.get("stage").asText()));
    }
    Map<String, Integer> created = new HashMap<>();
    engine.readRecords(0, null, r -> {
      if (r.getValueType() == ValueType.PROCESS_INSTANCE_CREATION && r.getIntent() == ProcessInstanceCreationIntent.CREATED) {
        Object debtId = ((ProcessInstanceCreationRecordValue) r.getValue()).getVariables().get("debtId");
        created.merge(String.valueOf(debtId), 1, Integer::sum);
      }
    });
    for (String id : debtIds) {
      assertThat(created.get(id)).as("process instances of debt " + id).isEqualTo(1);
    }
  }

  String json(Map<String, Object> value) {
    try {
      return api.json().writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
