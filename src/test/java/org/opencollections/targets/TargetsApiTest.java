package org.opencollections.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencollections.support.Api.type;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.opencollections.support.Api;
import org.opencollections.support.CollectionsTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

/**
 * Two collectors of their own (configured in {@link CollectionsTest}) contact debtors, make promises and see
 * payments arrive, each as themselves; the board counts what each did in the month, by the attribution rules.
 */
@CollectionsTest
@Order(7)
class TargetsApiTest {

  static final String ANA = "collector-ana";
  static final String BEN = "collector-ben";

  @Autowired TestRestTemplate http;
  Api admin;
  Api supervisor;
  Api ana;
  Api ben;

  @BeforeEach
  void setUp() {
    admin = new Api(http);
    supervisor = admin.as("supervisor");
    ana = admin.as(ANA);
    ben = admin.as(BEN);
  }

  /**
   * Moves the clock to 15:00 UTC (10:00 or 11:00 in New York: contact hours) on a day that leaves five days of the
   * UTC month (the test moves the clock four), so everything it does falls in one month; returns that month.
   */
  String aRoomyMonth() {
    Instant now = Instant.parse(admin.get("/api/simulation/clock").getBody().get("now").asText());
    Instant at = now.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(15));
    if (!at.isAfter(now)) {
      at = at.plus(Duration.ofDays(1));
    }
    YearMonth month = YearMonth.from(at.atZone(ZoneOffset.UTC));
    if (!YearMonth.from(at.plus(Duration.ofDays(5)).atZone(ZoneOffset.UTC)).equals(month)) {
      month = month.plusMonths(1);
      at = month.atDay(1).atStartOfDay(ZoneOffset.UTC).plusHours(15).toInstant();
    }
    ResponseEntity<JsonNode> moved = admin.post("/api/simulation/clock", Map.of("to", at.toString()));
    assertThat(moved.getStatusCode().value()).as(String.valueOf(moved.getBody())).isEqualTo(200);
    return month.toString();
  }

  @Test
  void theBoardCountsWhatEachCollectorDidInTheMonthByTheAttributionRules() {
    String month = aRoomyMonth();
    String promised = admin.createDebt("15000.00", admin.dateInDays(-20), "PERSONAL_LOAN"); // ana's promise, then ben's case
    String assigned = admin.createDebt("15000.00", admin.dateInDays(-20), "PERSONAL_LOAN"); // ben's case, no promise
    String nobodys = admin.createDebt("15000.00", admin.dateInDays(-20), "PERSONAL_LOAN");  // in nobody's queue
    assertThat(supervisor.put("/api/debts/" + assigned + "/assignee", Map.of("assignee", BEN)).getStatusCode().value()).isEqualTo(200);
    // who assigned it, readable in the timeline
    assertThat(admin.awaitTimeline(assigned, type("ASSIGNED")).get("summary").asText())
        .isEqualTo("Assigned to " + BEN + " by supervisor");
    admin.awaitTimeline(promised, type("CONTACT")); // the soft reminder: the process's, nobody's
    admin.awaitTimeline(assigned, type("CONTACT"));

    // contacts: ana one call made and a second one the governor blocks (7 days after a conversation); ben two
    assertThat(contact(ana, promised, "CALL", "CONVERSATION")).isEqualTo("MADE");
    assertThat(contact(ana, promised, "CALL", "NO_ANSWER")).isNotEqualTo("MADE");
    assertThat(contact(ben, assigned, "CALL", "NO_ANSWER")).isEqualTo("MADE");
    assertThat(contact(ben, assigned, "EMAIL", "SENT")).isEqualTo("MADE");

    // ana makes a promise of 400.00 for today on a case in nobody's queue; then the supervisor hands the case to
    // ben (a claimed case's task is its holder's), and the promise is paid (posted by ben): ana's collection
    admin.advance("P3D");
    ana.completeTaskOk(promised, "Task_NegotiateWithDebtor",
        Map.of("outcome", "PROMISE_TO_PAY", "promiseAmount", "400.00", "promiseDate", admin.dateInDays(0), "promiseGraceDays", 0));
    JsonNode commitment = admin.awaitTimeline(promised, type("COMMITMENT_RECORDED"));
    assertThat(commitment.get("details").get("actor").asText()).isEqualTo(ANA);
    assertThat(supervisor.put("/api/debts/" + promised + "/assignee", Map.of("assignee", BEN)).getStatusCode().value()).isEqualTo(200);
    assertThat(pay(ben, promised, "T-ANA-1", "400.00")).isEqualTo(201);
    // no promise on the other case: its payment is its assignee's, ben's; a payment taken back counts for nobody
    assertThat(pay(ben, assigned, "T-BEN-1", "300.00")).isEqualTo(201);
    assertThat(pay(ben, assigned, "T-BEN-2", "20.00")).isEqualTo(201);
    String reversed = StreamSupport.stream(admin.get("/api/debts/" + assigned + "/postings").getBody().spliterator(), false)
        .filter(p -> p.get("reference").asText().startsWith("T-BEN-2")).findFirst().orElseThrow().get("id").asText();
    assertThat(supervisor.post("/api/debts/" + assigned + "/payments/" + reversed + "/reversal", Map.of("reason", "chargeback"))
        .getStatusCode().value()).isEqualTo(201);
    // nobody's case, nobody's promise: unattributed
    BigDecimal unattributedBefore = unattributed(supervisor.get("/api/targets/" + month).getBody());
    assertThat(pay(ana, nobodys, "T-NOBODY-1", "50.00")).isEqualTo(201);
    // a hold names who started it
    ResponseEntity<JsonNode> hold = ben.post("/api/debts/" + nobodys + "/holds", Map.of("kind", "HARDSHIP", "reason", "lost job"));
    assertThat(hold.getBody().get("actor").asText()).isEqualTo(BEN);
    assertThat(admin.awaitTimeline(nobodys, type("HOLD_STARTED")).get("details").get("actor").asText()).isEqualTo(BEN);

    // the next day the promise is checked and kept: ana's kept promise
    admin.advance("P1D");
    admin.awaitTimeline(promised, type("INSTALMENT_PAID"));

    assertThat(supervisor.put("/api/targets/" + month + "/" + ANA, goal("USD", "1000.00", 2, 4)).getStatusCode().value()).isEqualTo(201);
    assertThat(supervisor.put("/api/targets/" + month + "/" + BEN, goal("USD", "900.00", 1, 4)).getStatusCode().value()).isEqualTo(201);
    JsonNode board = supervisor.get("/api/targets/" + month).getBody();

    JsonNode anaRow = row(board, ANA);
    assertThat(anaRow.get("actual").get("amountCollected").get("USD").asText()).isEqualTo("400.00");
    assertThat(anaRow.get("actual").get("promisesKept").asInt()).isEqualTo(1);
    assertThat(anaRow.get("actual").get("contactsMade").asInt()).isEqualTo(1);
    assertThat(anaRow.get("target").get("amountCollected").asText()).isEqualTo("1000.00");
    assertThat(anaRow.get("target").get("setBy").asText()).isEqualTo("supervisor");
    assertThat(anaRow.get("progress").get("amountCollected").asText()).isEqualTo("0.4000"); // 400 / 1000
    assertThat(anaRow.get("progress").get("promisesKept").asText()).isEqualTo("0.5000");    // 1 / 2
    assertThat(anaRow.get("progress").get("contactsMade").asText()).isEqualTo("0.2500");    // 1 / 4

    JsonNode benRow = row(board, BEN);
    assertThat(benRow.get("actual").get("amountCollected").get("USD").asText()).isEqualTo("300.00");
    assertThat(benRow.get("actual").get("promisesKept").asInt()).isZero();
    assertThat(benRow.get("actual").get("contactsMade").asInt()).isEqualTo(2);
    assertThat(benRow.get("progress").get("amountCollected").asText()).isEqualTo("0.3333"); // 300 / 900, rounded down
    assertThat(benRow.get("progress").get("promisesKept").asText()).isEqualTo("0.0000");
    assertThat(benRow.get("progress").get("contactsMade").asText()).isEqualTo("0.5000");

    assertThat(unattributed(board).subtract(unattributedBefore)).isEqualByComparingTo("50.00");
    assertThat(board.get("zone").asText()).isEqualTo("UTC");
    assertThat(board.get("from").asText()).isEqualTo(month + "-01T00:00:00Z");

    // an operator sees their own row only, and nothing unattributed
    JsonNode own = ana.get("/api/targets/" + month).getBody();
    assertThat(own.get("collectors")).hasSize(1);
    assertThat(own.get("collectors").get(0).get("collector").asText()).isEqualTo(ANA);
    assertThat(own.get("unattributed").isEmpty()).isTrue();
    assertThat(ana.get("/api/targets/" + month + "/" + BEN).getStatusCode().value()).isEqualTo(403);
  }

  @Test
  void settingTheSameTargetsAgainChangesNothingAndEveryChangeIsKept() {
    String month = "2031-07";
    ResponseEntity<JsonNode> first = supervisor.put("/api/targets/" + month + "/" + ANA, goal("EUR", "2500", 3, 50));
    ResponseEntity<JsonNode> again = admin.put("/api/targets/" + month + "/" + ANA, goal("EUR", "2500.00", 3, 50));
    ResponseEntity<JsonNode> changed = admin.put("/api/targets/" + month + "/" + ANA, goal("EUR", "3000.00", 3, 60));

    assertThat(first.getStatusCode().value()).isEqualTo(201);
    assertThat(first.getBody().get("amountCollected").asText()).isEqualTo("2500.00");
    assertThat(again.getStatusCode().value()).isEqualTo(200);
    assertThat(again.getBody().get("setBy").asText()).as("the same figures: nothing changed").isEqualTo("supervisor");
    assertThat(changed.getStatusCode().value()).isEqualTo(200);
    assertThat(changed.getBody().get("setBy").asText()).isEqualTo("admin");

    JsonNode history = supervisor.get("/api/targets/" + month + "/" + ANA).getBody();
    assertThat(history.get("changes")).hasSize(2);
    JsonNode change = history.get("changes").get(1);
    assertThat(change.get("changedBy").asText()).isEqualTo("admin");
    assertThat(change.get("before").get("amountCollected").asText()).isEqualTo("2500.00");
    assertThat(change.get("after").get("amountCollected").asText()).isEqualTo("3000.00");
    assertThat(change.get("after").get("contactsMade").asInt()).isEqualTo(60);
    assertThat(history.get("changes").get(0).get("before").isNull()).isTrue();
    assertThat(history.get("target").get("contactsMade").asInt()).isEqualTo(60);
    // a month without activity: a row for every collector, with the target where there is one
    JsonNode board = supervisor.get("/api/targets/" + month).getBody();
    assertThat(row(board, ANA).get("actual").get("contactsMade").asInt()).isZero();
    assertThat(row(board, ANA).get("progress").get("amountCollected").asText()).isEqualTo("0.0000");
    assertThat(row(board, BEN).get("target").isNull()).isTrue();
    assertThat(row(board, BEN).get("progress").get("contactsMade").isNull()).isTrue();
  }

  @Test
  void badTargetsAreRefusedFieldByFieldAndOperatorsMayNotSetThem() {
    ResponseEntity<JsonNode> badMonth = supervisor.put("/api/targets/2027-13/" + ANA, goal("USD", "10.00", 1, 1));
    ResponseEntity<JsonNode> notAnOperator = supervisor.put("/api/targets/2031-08/supervisor", goal("USD", "10.00", 1, 1));
    ResponseEntity<JsonNode> unknown = supervisor.put("/api/targets/2031-08/nobody-at-all", goal("USD", "10.00", 1, 1));
    ResponseEntity<JsonNode> badFigures = supervisor.put("/api/targets/2031-08/" + ANA, goal("USD", "10.001", -1, -5));
    ResponseEntity<JsonNode> jpyDecimals = supervisor.put("/api/targets/2031-08/" + ANA, goal("JPY", "10.5", 0, 0));
    ResponseEntity<JsonNode> noCurrency = supervisor.put("/api/targets/2031-08/" + ANA, goal("XYZ", "-1", 0, 0));
    ResponseEntity<JsonNode> byOperator = ana.put("/api/targets/2031-08/" + ANA, goal("USD", "10.00", 1, 1));

    assertThat(badMonth.getStatusCode().value()).isEqualTo(400);
    assertThat(badMonth.getBody().get("errors").has("month")).isTrue();
    assertThat(notAnOperator.getBody().get("errors").get("collector").asText()).contains("operator role");
    assertThat(unknown.getBody().get("errors").has("collector")).isTrue();
    assertThat(badFigures.getStatusCode().value()).isEqualTo(400);
    assertThat(badFigures.getBody().get("errors").get("amountCollected").asText()).contains("decimals");
    assertThat(badFigures.getBody().get("errors").fieldNames()).toIterable().contains("promisesKept", "contactsMade");
    assertThat(jpyDecimals.getBody().get("errors").get("amountCollected").asText()).contains("JPY");
    assertThat(noCurrency.getBody().get("errors").fieldNames()).toIterable().contains("currency", "amountCollected");
    assertThat(byOperator.getStatusCode().value()).isEqualTo(403);
    assertThat(admin.get("/api/targets/2031-8").getStatusCode().value()).isEqualTo(400);
    // nothing was stored by any of them
    assertThat(supervisor.get("/api/targets/2031-08/" + ANA).getBody().get("changes")).isEmpty();
  }

  static Map<String, Object> goal(String currency, String amount, int kept, int contacts) {
    return Map.of("currency", currency, "amountCollected", amount, "promisesKept", kept, "contactsMade", contacts);
  }

  String contact(Api as, String debt, String channel, String outcome) {
    ResponseEntity<JsonNode> made = as.post("/api/debts/" + debt + "/contact-attempts",
        Map.of("channel", channel, "direction", "OUTBOUND", "outcome", outcome));
    assertThat(made.getStatusCode().value()).as(String.valueOf(made.getBody())).isIn(200, 201);
    return made.getBody().get("status").asText();
  }

  static int pay(Api as, String debt, String reference, String amount) {
    return as.pay(debt, reference + "-" + debt, amount).getStatusCode().value();
  }

  static JsonNode row(JsonNode board, String collector) {
    return StreamSupport.stream(board.get("collectors").spliterator(), false)
        .filter(r -> r.get("collector").asText().equals(collector))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row for " + collector + " in " + board));
  }

  static BigDecimal unattributed(JsonNode board) {
    JsonNode usd = board.get("unattributed").get("USD");
    return usd == null ? BigDecimal.ZERO : new BigDecimal(usd.asText());
  }
}
