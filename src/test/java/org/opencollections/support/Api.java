package org.opencollections.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Drives cases through the HTTP API as a client would, and waits for what the process does. */
public final class Api {

  public static final Duration PATIENCE = Duration.ofSeconds(30);

  private final TestRestTemplate http;
  private TestRestTemplate anonymous;
  private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();

  /** Calls the API as the demo administrator, who may do everything. */
  public Api(TestRestTemplate http) {
    this(http, "admin");
  }

  /** Calls the API as one of the embedded mode's demo users (the password is the user name). */
  public Api(TestRestTemplate http, String user) {
    this.anonymous = http;
    this.http = http.withBasicAuth(user, user);
  }

  /** The same client, as a configured user with their own password. */
  public Api as(String user, String password) {
    return new Api(anonymous.withBasicAuth(user, password), anonymous);
  }

  private Api(TestRestTemplate authenticated, TestRestTemplate anonymous) {
    this.anonymous = anonymous;
    this.http = authenticated;
  }

  /** The same client, as another demo user. */
  public Api as(String user) {
    return new Api(anonymous, user);
  }

  public ResponseEntity<JsonNode> post(String path, Object body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), JsonNode.class);
  }

  public ResponseEntity<JsonNode> put(String path, Object body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.exchange(path, HttpMethod.PUT, new HttpEntity<>(body, headers), JsonNode.class);
  }

  /** A body that is not JSON (a CSV file, JSON Lines), as it is. */
  public ResponseEntity<JsonNode> postRaw(String path, String contentType, String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.parseMediaType(contentType));
    return http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), JsonNode.class);
  }

  /** Any method, for the access tests. */
  public ResponseEntity<String> call(HttpMethod method, String path, Object body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.exchange(path, method, new HttpEntity<>(body, headers), String.class);
  }

  public ResponseEntity<JsonNode> get(String path) {
    return http.getForEntity(path, JsonNode.class);
  }

  public static Map<String, Object> debtRequest(String principal, String dueDate, String product) {
    return debtRequest(principal, dueDate, product, "America/New_York", "US-NY");
  }

  public static Map<String, Object> debtRequest(
      String principal, String dueDate, String product, String timeZone, String jurisdiction) {
    return Map.of(
        "externalRef", "T-" + UUID.randomUUID(),
        "debtor",
            Map.of(
                "name", "Dana Debtor",
                "email", "dana@example.org",
                "phone", "+1 212 555 0100",
                "timeZone", timeZone,
                "jurisdiction", jurisdiction),
        "principal", principal,
        "currency", "USD",
        "dueDate", dueDate,
        "product", product);
  }

  /** Creates a debt and returns its id. */
  public String createDebt(String principal, String dueDate, String product) {
    return createDebt(debtRequest(principal, dueDate, product));
  }

  public String createDebt(Map<String, Object> request) {
    ResponseEntity<JsonNode> created = post("/api/debts", request);
    assertThat(created.getStatusCode().value()).as(String.valueOf(created.getBody())).isEqualTo(201);
    return created.getBody().get("id").asText();
  }

  public JsonNode debt(String id) {
    return get("/api/debts/" + id).getBody();
  }

  public List<JsonNode> timeline(String id) {
    List<JsonNode> events = new ArrayList<>();
    get("/api/debts/" + id + "/timeline").getBody().forEach(events::add);
    return events;
  }

  public JsonNode awaitTimeline(String id, Predicate<JsonNode> event) {
    return await()
        .atMost(PATIENCE)
        .until(() -> timeline(id).stream().filter(event).findFirst().orElse(null), e -> e != null);
  }

  public static Predicate<JsonNode> type(String type) {
    return e -> type.equals(e.get("type").asText());
  }

  public static Predicate<JsonNode> stageChangedTo(String stage) {
    return e -> "STAGE_CHANGED".equals(e.get("type").asText()) && stage.equals(e.get("details").get("to").asText());
  }

  public long count(String id, Predicate<JsonNode> event) {
    return timeline(id).stream().filter(event).count();
  }

  public JsonNode awaitStage(String id, String stage) {
    return await().atMost(PATIENCE).until(() -> debt(id), d -> stage.equals(d.get("stage").asText()));
  }

  public JsonNode awaitStatus(String id, String status) {
    return await().atMost(PATIENCE).until(() -> debt(id), d -> status.equals(d.get("status").asText()));
  }

  /** Waits for the open task with this element id on this debt; on a timeout, says where the case stood. */
  public JsonNode awaitTask(String debtId, String elementId) {
    try {
      return awaitTaskQuietly(debtId, elementId);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError("No open task " + elementId + " on debt " + debtId + "; its timeline: "
          + timeline(debtId).stream().map(t -> t.get("type").asText() + " " + t.get("summary").asText()).toList(), e);
    }
  }

  private JsonNode awaitTaskQuietly(String debtId, String elementId) {
    return await().atMost(PATIENCE).until(() -> openTask(debtId, elementId), t -> t != null);
  }

  /**
   * Brings a large-balance debt to its negotiation task: one soft reminder, then negotiation three days later
   * (debt-segmentation rule 1). The reminder's timer starts once the engine hears the reminder went out, a
   * moment after the timeline shows it: the clock moves on a day at a time until the task opens.
   */
  public JsonNode reachNegotiation(String debtId) {
    // earlier tests leave the clock wherever they moved it: a reminder due at night waits for the debtor's
    // morning (deferred), so the clock moves on a few hours at a time until it goes out
    for (int step = 0; count(debtId, type("CONTACT")) == 0; step++) {
      try {
        await().atMost(Duration.ofSeconds(10)).until(() -> count(debtId, type("CONTACT")) > 0);
      } catch (org.awaitility.core.ConditionTimeoutException e) {
        if (step == 8) {
          awaitTimeline(debtId, type("CONTACT")); // says it did not come
        }
        advance("PT4H");
      }
    }
    advance("P3D");
    for (int day = 0; ; day++) {
      try {
        return await().atMost(Duration.ofSeconds(10)).until(() -> openTask(debtId, NEGOTIATE), t -> t != null);
      } catch (org.awaitility.core.ConditionTimeoutException e) {
        if (day == 3) {
          return awaitTask(debtId, NEGOTIATE); // says where the case stood
        }
        advance("P1D");
      }
    }
  }

  public static final String NEGOTIATE = "Task_NegotiateWithDebtor";

  private JsonNode openTask(String debtId, String elementId) {
    for (JsonNode task : get("/api/tasks").getBody()) {
      if (debtId.equals(task.path("debtId").asText()) && elementId.equals(task.get("elementId").asText())) {
        return task;
      }
    }
    return null;
  }

  public ResponseEntity<JsonNode> completeTask(JsonNode task, Map<String, Object> variables) {
    return post("/api/tasks/" + task.get("id").asLong() + "/complete", variables);
  }

  public void completeTaskOk(String debtId, String elementId, Map<String, Object> variables) {
    ResponseEntity<JsonNode> done = completeTask(awaitTask(debtId, elementId), variables);
    assertThat(done.getStatusCode().value()).as(String.valueOf(done.getBody())).isEqualTo(200);
  }

  public void advance(String isoDuration) {
    ResponseEntity<JsonNode> moved = post("/api/simulation/clock", Map.of("advance", isoDuration));
    assertThat(moved.getStatusCode().value()).as(String.valueOf(moved.getBody())).isEqualTo(200);
  }

  public ResponseEntity<JsonNode> pay(String debtId, String reference, String amount) {
    return post("/api/debts/" + debtId + "/payments", Map.of("reference", reference, "amount", amount, "currency", "USD"));
  }

  /** The debtor's date today on the simulated clock, plus some days, as the form expects it. */
  public String dateInDays(int days) {
    String now = get("/api/simulation/clock").getBody().get("now").asText();
    return java.time.Instant.parse(now).atZone(java.time.ZoneId.of("America/New_York")).toLocalDate().plusDays(days).toString();
  }

  public ObjectMapper json() {
    return json;
  }
}
