package org.opencollections.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opencollections.support.Api;
import org.opencollections.support.CollectionsTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The targets board in the workbench: a supervisor sets targets on its form, an operator sees their own row. */
@CollectionsTest
class TargetsWorkbenchTest {

  static final String MONTH = "2032-01"; // a month of its own: no activity, no other test's targets

  @LocalServerPort int port;
  @Autowired TestRestTemplate rest;

  @Test
  void aSupervisorSetsTargetsOnTheFormAndSeesTheBoard() {
    Session supervisor = new Session(port);
    supervisor.logIn("supervisor", "supervisor");
    assertThat(supervisor.get("/workbench/queue").body()).contains("href=\"/workbench/targets\"");
    String page = supervisor.get("/workbench/targets?month=" + MONTH).body();
    assertThat(page).contains("Targets <span>" + MONTH + "</span>").contains("Set a collector's targets")
        .contains("data-collector=\"collector-ana\"").contains("data-collector=\"collector-ben\"");

    // refused on the server: each message beside its field, what was typed kept
    HttpResponse<String> refused = supervisor.postForm("/workbench/targets", form(Map.of(
        "collector", "supervisor", "amountCollected", "a lot", "promisesKept", "3", "contactsMade", "-1",
        "_csrf", Session.csrf(page))));
    assertThat(refused.statusCode()).isEqualTo(200);
    assertThat(refused.body()).contains("The targets were not saved")
        .contains("must be a known user with the operator role")
        .contains("must be a number such as 5000.00")
        .contains("must be between 0 and 1000000")
        .contains("value=\"a lot\"");
    assertThat(supervisor.get("/workbench/targets?month=" + MONTH).body()).doesNotContain("1,000.00 USD");

    HttpResponse<String> saved = supervisor.postForm("/workbench/targets", form(Map.of(
        "collector", "collector-ana", "amountCollected", "1000", "promisesKept", "3", "contactsMade", "40",
        "_csrf", Session.csrf(page))));
    assertThat(saved.statusCode()).isEqualTo(302);
    String board = supervisor.follow(saved).body();
    assertThat(board).contains("Targets of collector-ana for " + MONTH + " saved.")
        .contains("1,000.00 USD").contains("0.0 %").contains("<svg");
    // the same again changes nothing, and says so
    String again = supervisor.follow(supervisor.postForm("/workbench/targets", form(Map.of(
        "collector", "collector-ana", "amountCollected", "1000.00", "promisesKept", "3", "contactsMade", "40",
        "_csrf", Session.csrf(board))))).body();
    assertThat(again).contains("were already these; nothing changed");
    assertThat(new Api(rest).get("/api/targets/" + MONTH + "/collector-ana").getBody().get("changes")).hasSize(1);

    // without the session's CSRF token: refused
    assertThat(supervisor.postForm("/workbench/targets", form(Map.of("collector", "collector-ben", "amountCollected", "1",
        "promisesKept", "1", "contactsMade", "1"))).statusCode()).isEqualTo(403);
  }

  @Test
  void anOperatorSeesTheirOwnRowAndMayNotSetTargets() {
    Session ana = new Session(port);
    ana.logIn("collector-ana", "collector-ana");
    String page = ana.get("/workbench/targets?month=" + MONTH).body();
    assertThat(page).contains("data-collector=\"collector-ana\"").doesNotContain("data-collector=\"collector-ben\"")
        .doesNotContain("Set a collector's targets");
    HttpResponse<String> refused = ana.postForm("/workbench/targets", form(Map.of(
        "collector", "collector-ana", "amountCollected", "99999", "promisesKept", "1", "contactsMade", "1",
        "_csrf", Session.csrf(page))));
    assertThat(refused.statusCode()).isEqualTo(403);
  }

  @Test
  void theCaseFileNamesWhoStartedAHold() {
    Api supervisorApi = new Api(rest, "supervisor");
    String debt = new Api(rest).createDebt("800.00", "2027-02-01", "CREDIT_CARD");
    assertThat(supervisorApi.post("/api/debts/" + debt + "/holds", Map.of("kind", "HARDSHIP")).getStatusCode().value())
        .isEqualTo(201);
    Session operator = new Session(port);
    operator.logIn("operator", "operator");
    assertThat(operator.get("/workbench/cases/" + debt).body()).contains("by supervisor");
  }

  static Map<String, String> form(Map<String, String> fields) {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("month", MONTH);
    all.put("currency", "USD");
    all.putAll(fields);
    return all;
  }
}
