package org.opencollections.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.opencollections.support.Api.stageChangedTo;
import static org.opencollections.support.Api.type;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencollections.support.Api;
import org.opencollections.support.CollectionsTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * The supervisor's bottleneck figures from the case records: what waits at each element of the lifecycle,
 * for how long (median, p90), what is past its service level or due date, and which cases they are.
 */
@CollectionsTest
class BottleneckApiTest {

  static final String NEGOTIATE = "Task_NegotiateWithDebtor";

  @Autowired TestRestTemplate http;
  Api api;
  Api supervisor;

  @BeforeEach
  void setUp() {
    api = new Api(http);
    supervisor = api.as("supervisor");
  }

  @Test
  void aCaseWaitingInNegotiationIsCountedTimedAndListedAndBreachesItsServiceLevelsWhenLeftThere() {
    String debt = api.createDebt("12000.00", api.dateInDays(-20), "PERSONAL_LOAN");
    JsonNode task = api.reachNegotiation(debt);
    Instant entered = Instant.parse(api.awaitTimeline(debt, stageChangedTo("NEGOTIATION")).get("occurredAt").asText());

    JsonNode element = element(supervisor.get("/api/analytics/bottlenecks").getBody(), NEGOTIATE);
    assertThat(element.get("stage").asText()).isEqualTo("NEGOTIATION");
    assertThat(element.get("cases").asLong()).isPositive();
    assertThat(element.get("openTasks").asLong()).isPositive();
    assertThat(element.get("stageSla").asText()).isEqualTo("P14D");

    JsonNode listed = listedCase(debt);
    // since the stage change the timeline shows (both are taken from the clock in the same transaction)
    assertThat(Instant.parse(listed.get("since").asText())).isCloseTo(entered, within(1, ChronoUnit.SECONDS));
    assertThat(listed.get("taskId").asLong()).isEqualTo(task.get("id").asLong());
    assertThat(listed.get("overSla").asBoolean()).isFalse();
    assertThat(listed.get("taskOverdue").asBoolean()).isFalse();

    // left there past the stage's 14 days and the task's 2-day due date: both count as breaches
    api.advance("P15D");
    JsonNode late = listedCase(debt);
    assertThat(Duration.parse(late.get("waiting").asText())).isGreaterThanOrEqualTo(Duration.ofDays(15));
    assertThat(late.get("overSla").asBoolean()).isTrue();
    assertThat(late.get("taskOverdue").asBoolean()).isTrue();
    JsonNode now = element(supervisor.get("/api/analytics/bottlenecks").getBody(), NEGOTIATE);
    assertThat(now.get("overStageSla").asLong()).isPositive();
    assertThat(now.get("overdueTasks").asLong()).isPositive();
    assertThat(now.get("slaBreaches").asLong()).isEqualTo(now.get("overStageSla").asLong() + now.get("overdueTasks").asLong());
    assertThat(Duration.parse(now.get("p90InStage").asText())).isGreaterThanOrEqualTo(Duration.parse(now.get("medianInStage").asText()));
  }

  @Test
  void theMedianAndP90OfAStageAreThoseOfTheCasesItLists() {
    api.reachNegotiation(api.createDebt("12000.00", api.dateInDays(-20), "PERSONAL_LOAN"));
    // other tests' cases move on meanwhile: the summary and the list agree once two reads see the same cases
    await().atMost(Api.PATIENCE).untilAsserted(() -> {
      JsonNode element = element(supervisor.get("/api/analytics/bottlenecks").getBody(), NEGOTIATE);
      List<Long> waits = new ArrayList<>();
      long overSla = 0;
      for (JsonNode c : allCases(NEGOTIATE)) {
        waits.add(Duration.parse(c.get("waiting").asText()).toSeconds());
        overSla += c.get("overSla").asBoolean() ? 1 : 0;
      }
      assertThat((long) waits.size()).isEqualTo(element.get("cases").asLong());
      assertThat(overSla).isEqualTo(element.get("overStageSla").asLong());
      waits.sort(null);
      // nearest rank; the two reads are a moment apart, so a few seconds either way
      assertThat(Duration.parse(element.get("medianInStage").asText()).toSeconds())
          .isBetween(nearestRank(waits, 0.5) - 5, nearestRank(waits, 0.5) + 5);
      assertThat(Duration.parse(element.get("p90InStage").asText()).toSeconds())
          .isBetween(nearestRank(waits, 0.9) - 5, nearestRank(waits, 0.9) + 5);
    });
  }

  @Test
  void onlySupervisorsProcessOwnersAndAdminsSeeItAndBadRequestsAreExplained() {
    assertThat(api.as("operator").get("/api/analytics/bottlenecks").getStatusCode().value()).isEqualTo(403);
    assertThat(api.as("owner").get("/api/analytics/bottlenecks").getStatusCode().value()).isEqualTo(200);
    var unknown = supervisor.get("/api/analytics/bottlenecks/Task_NoSuchStep/cases");
    assertThat(unknown.getStatusCode().value()).isEqualTo(404);
    assertThat(unknown.getBody().get("detail").asText()).contains("Task_NoSuchStep");
    var tooMany = supervisor.get("/api/analytics/bottlenecks/" + NEGOTIATE + "/cases?size=5000");
    assertThat(tooMany.getStatusCode().value()).isEqualTo(400);
    assertThat(tooMany.getBody().toString()).contains("size");
    assertThat(supervisor.get("/api/analytics/bottlenecks/" + NEGOTIATE + "/cases?page=-1").getStatusCode().value())
        .isEqualTo(400);
  }

  private static long nearestRank(List<Long> sorted, double p) {
    return sorted.get(Math.max(0, (int) Math.ceil(p * sorted.size()) - 1));
  }

  private static JsonNode element(JsonNode now, String id) {
    for (JsonNode e : now.get("elements")) {
      if (id.equals(e.get("elementId").asText())) {
        return e;
      }
    }
    throw new AssertionError("No element " + id + " in " + now);
  }

  private List<JsonNode> allCases(String elementId) {
    List<JsonNode> all = new ArrayList<>();
    for (int page = 0; ; page++) {
      JsonNode p = supervisor.get("/api/analytics/bottlenecks/" + elementId + "/cases?size=200&page=" + page).getBody();
      p.get("cases").forEach(all::add);
      if (p.get("cases").size() < 200) {
        return all;
      }
    }
  }

  private JsonNode listedCase(String debt) {
    return allCases(NEGOTIATE).stream().filter(c -> debt.equals(c.get("debtId").asText())).findFirst()
        .orElseThrow(() -> new AssertionError("Debt " + debt + " is not listed at " + NEGOTIATE));
  }
}
