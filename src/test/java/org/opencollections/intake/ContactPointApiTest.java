package org.opencollections.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.opencollections.compliance.Channel;
import org.opencollections.compliance.ContactAttempt;
import org.opencollections.compliance.ContactGovernor;
import org.opencollections.contact.ContactMessages;
import org.opencollections.contact.Tone;
import org.opencollections.support.Api;
import org.opencollections.support.CollectionsTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A debtor's several phones and e-mail addresses: accepted by the API and the import beside the old single fields,
 * managed through /api/debtors/{id}/contact-points, and checked by the governor on every contact that uses one.
 */
@CollectionsTest
@Order(5)
class ContactPointApiTest {

  @Autowired TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;
  @Autowired ContactGovernor governor;
  @Autowired ContactMessages messages;
  Api api;

  @BeforeEach
  void setUp() {
    api = new Api(http);
  }

  static Map<String, Object> point(String kind, String value, String type) {
    Map<String, Object> p = new HashMap<>();
    p.put("kind", kind);
    p.put("value", value);
    p.put("type", type);
    return p;
  }

  static Map<String, Object> consent(String use, String status, String source) {
    return Map.of(use, Map.of("status", status, "source", source));
  }

  /** A debt whose debtor has the single fields given (null: left out) and the contact points listed. */
  static Map<String, Object> request(String phone, String email, List<Map<String, Object>> points) {
    Map<String, Object> request = new HashMap<>(Api.debtRequest("400.00", "2027-02-01", "PERSONAL_LOAN"));
    Map<String, Object> debtor = new HashMap<>();
    debtor.put("name", "Dana Debtor");
    debtor.put("timeZone", "America/New_York");
    debtor.put("jurisdiction", "US-NY");
    debtor.put("phone", phone);
    debtor.put("email", email);
    debtor.put("contactPoints", points);
    request.put("debtor", debtor);
    return request;
  }

  String debtorOf(String debt) {
    return api.debt(debt).get("debtorId").asText();
  }

  List<JsonNode> points(String debtor) {
    List<JsonNode> all = new ArrayList<>();
    api.get("/api/debtors/" + debtor + "/contact-points").getBody().forEach(all::add);
    return all;
  }

  JsonNode attempt(String debt, String channel, String contactPointId) {
    Map<String, Object> body = new HashMap<>(Map.of("channel", channel, "direction", "OUTBOUND",
        "outcome", channel.equals("CALL") ? "NO_ANSWER" : "SENT"));
    if (contactPointId != null) {
      body.put("contactPointId", contactPointId);
    }
    ResponseEntity<JsonNode> made = api.post("/api/debts/" + debt + "/contact-attempts", body);
    assertThat(made.getStatusCode().value()).as(String.valueOf(made.getBody())).isEqualTo(201);
    return made.getBody();
  }

  JsonNode patch(String debtor, String point, Map<String, Object> change) throws Exception {
    ResponseEntity<String> changed = api.call(HttpMethod.PATCH, "/api/debtors/" + debtor + "/contact-points/" + point, change);
    assertThat(changed.getStatusCode().value()).as(changed.getBody()).isEqualTo(200);
    return api.json().readTree(changed.getBody());
  }

  @Test
  void theSingleFieldsBecomeContactPointsBesideTheListedOnes() {
    Map<String, Object> work = point("PHONE", "+1 212 555 0199", "WORK");
    work.put("doNotCallAtWork", true);
    Map<String, Object> home = point("PHONE", "+1 212 555 0142", "HOME");
    home.put("consent", consent("call", "GIVEN", "application form"));
    String debt = api.createDebt(request("+1 212 555 0100", "dana@example.org", List.of(work, home)));

    List<JsonNode> all = points(debtorOf(debt));
    // the order is the governor's, within each kind (phones and e-mails are never tried against each other)
    assertThat(all).extracting(p -> p.get("type").asText() + " " + p.get("kind").asText())
        .containsExactlyInAnyOrder("MOBILE PHONE", "PERSONAL EMAIL", "WORK PHONE", "HOME PHONE");
    List<JsonNode> points = all.stream().filter(p -> p.get("kind").asText().equals("PHONE")).toList();
    assertThat(points).extracting(p -> p.get("type").asText()).containsExactly("MOBILE", "WORK", "HOME");
    JsonNode single = points.getFirst();
    // the old single phone keeps its old behaviour: it is called and texted
    assertThat(single.get("consent").get("call").get("status").asText()).isEqualTo("GIVEN");
    assertThat(single.get("consent").get("text").get("status").asText()).isEqualTo("GIVEN");
    assertThat(points.get(1).get("doNotCallAtWork").asBoolean()).isTrue();
    assertThat(points.get(2).get("consent").get("call").get("source").asText()).isEqualTo("application form");
    assertThat(points.get(2).get("consent").has("text")).isFalse();
    // each point's creation is audited on the case
    assertThat(api.timeline(debt)).filteredOn(e -> e.get("type").asText().equals("AUDIT")
        && "ContactPoint".equals(e.get("details").path("entity").asText())).hasSize(4);
  }

  @Test
  void anInvalidContactPointIsRefusedAndNothingIsStored() {
    Map<String, Object> request = request(null, null, List.of(point("PHONE", "not a phone", "PERSONAL"),
        point("EMAIL", "dana@example.org", "MOBILE")));
    String ref = (String) request.get("externalRef");

    ResponseEntity<JsonNode> refused = api.post("/api/debts", request);

    assertThat(refused.getStatusCode().value()).isEqualTo(400);
    assertThat(refused.getBody().toString())
        .contains("debtor.contactPoints[0].value").contains("debtor.contactPoints[0].type")
        .contains("debtor.contactPoints[1].type");
    assertThat(jdbc.queryForObject("select count(*) from debt where external_ref = ?", Integer.class, ref)).isZero();
  }

  @Test
  void textWithoutConsent_isBlocked_untilTheDebtorGivesIt_47USC227b1A() throws Exception {
    String debt = api.createDebt(request(null, null, List.of(point("PHONE", "+1 212 555 0143", "HOME"))));
    String debtor = debtorOf(debt);
    String home = points(debtor).getFirst().get("id").asText();

    JsonNode blocked = attempt(debt, "SMS", null);
    assertThat(blocked.get("status").asText()).isEqualTo("BLOCKED");
    assertThat(blocked.get("rule").asText()).isEqualTo("NO_CONSENT");
    // the ledger says which point was checked, never its number
    assertThat(blocked.get("contactPointId").asText()).isEqualTo(home);
    assertThat(blocked.get("inputs").get("contactPointId").asText()).isEqualTo(home);
    assertThat(blocked.get("inputs").toString()).doesNotContain("555 0143");
    // a call to a home line needs no prior consent
    assertThat(attempt(debt, "CALL", null).get("status").asText()).isEqualTo("MADE");

    JsonNode consented = patch(debtor, home, Map.of("consent", consent("text", "GIVEN", "oral on call")));
    assertThat(consented.get("consent").get("text").get("source").asText()).isEqualTo("oral on call");
    assertThat(attempt(debt, "SMS", null).get("status").asText()).isEqualTo("MADE");
    assertThat(api.timeline(debt)).anySatisfy(e -> {
      assertThat(e.get("type").asText()).isEqualTo("CONTACT_PREFERENCES");
      assertThat(e.get("summary").asText()).contains("consent to text given (oral on call)").doesNotContain("555 0143");
    });
    assertThat(api.timeline(debt)).anySatisfy(e -> {
      assertThat(e.get("type").asText()).isEqualTo("AUDIT");
      assertThat(e.get("summary").asText()).startsWith("ContactPoint changed").contains("textConsent");
    });

    // withdrawn again: 12 CFR 1006.14(h), that use of the point stops
    patch(debtor, home, Map.of("consent", consent("text", "WITHDRAWN", "reply STOP")));
    assertThat(attempt(debt, "SMS", null).get("rule").asText()).isEqualTo("NO_CONSENT");
  }

  @Test
  void aWrongNumberIsPassedOverAndWhenNoneIsLeftTheContactIsBlocked() throws Exception {
    Map<String, Object> second = point("PHONE", "+1 212 555 0144", "HOME");
    String debt = api.createDebt(request("+1 212 555 0100", null, List.of(second)));
    String debtor = debtorOf(debt);
    List<JsonNode> points = points(debtor);
    String mobile = points.get(0).get("id").asText();
    String home = points.get(1).get("id").asText();
    assertThat(attempt(debt, "CALL", null).get("contactPointId").asText()).isEqualTo(mobile);

    JsonNode marked = patch(debtor, mobile, Map.of("validity", "WRONG_NUMBER"));
    assertThat(marked.get("validity").asText()).isEqualTo("WRONG_NUMBER");
    JsonNode next = attempt(debt, "CALL", null);
    assertThat(next.get("status").asText()).isEqualTo("MADE");
    assertThat(next.get("contactPointId").asText()).isEqualTo(home);

    patch(debtor, home, Map.of("validity", "WRONG_NUMBER"));
    JsonNode none = attempt(debt, "CALL", null);
    assertThat(none.get("status").asText()).isEqualTo("BLOCKED");
    assertThat(none.get("rule").asText()).isEqualTo("NO_VALID_CONTACT_POINT");
    // a phone does not bounce
    ResponseEntity<String> bounced = api.call(HttpMethod.PATCH, "/api/debtors/" + debtor + "/contact-points/" + home,
        Map.of("validity", "BOUNCED"));
    assertThat(bounced.getStatusCode().value()).isEqualTo(400);
  }

  @Test
  void callToAWorkPhoneMarkedDoNotCallAtWork_isBlocked_15USC1692c_a3_12CFR1006_6b1iii() throws Exception {
    Map<String, Object> work = point("PHONE", "+1 212 555 0145", "WORK");
    String debt = api.createDebt(request(null, "dana@example.org", List.of(work)));
    String debtor = debtorOf(debt);
    String workId = points(debtor).stream().filter(p -> p.get("type").asText().equals("WORK")).findFirst().orElseThrow()
        .get("id").asText();
    String emailId = points(debtor).stream().filter(p -> p.get("kind").asText().equals("EMAIL")).findFirst().orElseThrow()
        .get("id").asText();
    assertThat(attempt(debt, "CALL", workId).get("status").asText()).isEqualTo("MADE");

    patch(debtor, workId, Map.of("doNotCallAtWork", true));
    JsonNode blocked = attempt(debt, "CALL", workId);

    assertThat(blocked.get("status").asText()).isEqualTo("BLOCKED");
    assertThat(blocked.get("rule").asText()).isEqualTo("WORKPLACE_CONTACT_PROHIBITED");
    assertThat(blocked.get("inputs").get("doNotCallAtWork").asBoolean()).isTrue();
    // a call names a phone, not an address
    ResponseEntity<JsonNode> wrongKind = api.post("/api/debts/" + debt + "/contact-attempts",
        Map.of("channel", "CALL", "direction", "OUTBOUND", "outcome", "NO_ANSWER", "contactPointId", emailId));
    assertThat(wrongKind.getStatusCode().value()).isEqualTo(400);
  }

  @Test
  void theMessageGoesToThePointTheGovernorChose() throws Exception {
    Map<String, Object> work = point("EMAIL", "dana@work.example", "WORK");
    work.put("priority", 0);
    Map<String, Object> personal = point("EMAIL", "dana.private@example.org", "PERSONAL");
    personal.put("priority", 5);
    String debt = api.createDebt(request(null, null, List.of(work, personal)));

    // 12 CFR 1006.22(f)(3): the work address comes first but has no consent, so the personal one is used
    ContactAttempt attempt = governor.attempt(UUID.fromString(debt), Channel.EMAIL, ContactAttempt.Direction.OUTBOUND,
        "soft-reminder", null, null);

    assertThat(attempt.status()).isEqualTo(ContactAttempt.Status.MADE);
    assertThat(messages.prepare(attempt, Tone.POLITE).recipient()).isEqualTo("dana.private@example.org");
  }

  @Test
  void anOralCeaseRequestBlocksTheChannelTheDebtorNamed_aWrittenOneStopsEverything_12CFR1006_14h_15USC1692c_c() {
    String debt = api.createDebt(request("+1 212 555 0100", "dana@example.org", List.of()));
    ResponseEntity<JsonNode> oral = api.post("/api/debts/" + debt + "/holds",
        Map.of("kind", "CEASE_COMMUNICATION", "medium", "ORAL", "channel", "SMS", "reason", "Stop texting me"));
    assertThat(oral.getStatusCode().value()).isEqualTo(201);
    assertThat(oral.getBody().get("pausesCollection").asBoolean()).isFalse();

    assertThat(attempt(debt, "SMS", null).get("rule").asText()).isEqualTo("CHANNEL_BLOCKED");
    assertThat(attempt(debt, "CALL", null).get("status").asText()).isEqualTo("MADE");

    ResponseEntity<JsonNode> written = api.post("/api/debts/" + debt + "/holds",
        Map.of("kind", "CEASE_COMMUNICATION", "medium", "WRITTEN", "channel", "SMS"));
    assertThat(written.getBody().get("pausesCollection").asBoolean()).isTrue();
    assertThat(attempt(debt, "EMAIL", null).get("status").asText()).isEqualTo("BLOCKED");
  }

  @Test
  void theWhatIfAsksAboutAContactPoint_15USC1692c_a3_47USC227b1A() {
    Api compliance = new Api(http, "compliance");
    Map<String, Object> call = new HashMap<>(Map.of("at", "2027-03-02T10:00:00-05:00", "kind", "CALL_ATTEMPT", "debt", "A",
        "contactPoint", Map.of("type", "WORK", "doNotCallAtWork", true)));
    Map<String, Object> text = new HashMap<>(Map.of("at", "2027-03-02T10:00:00-05:00", "kind", "SMS", "debt", "A",
        "contactPoint", Map.of("type", "MOBILE")));
    Map<String, Object> consentedText = new HashMap<>(Map.of("at", "2027-03-02T10:00:00-05:00", "kind", "SMS", "debt", "A",
        "contactPoint", Map.of("type", "MOBILE", "consent", "GIVEN")));

    JsonNode atWork = ask(compliance, call);
    assertThat(atWork.get("decision").asText()).isEqualTo("BLOCK");
    assertThat(atWork.get("rule").asText()).isEqualTo("WORKPLACE_CONTACT_PROHIBITED");
    assertThat(ask(compliance, text).get("rule").asText()).isEqualTo("NO_CONSENT");
    assertThat(ask(compliance, consentedText).get("decision").asText()).isEqualTo("ALLOW");
  }

  private static JsonNode ask(Api api, Map<String, Object> proposed) {
    ResponseEntity<JsonNode> answer = api.post("/api/compliance/what-if",
        Map.of("jurisdiction", "US-NY", "timeZone", "America/New_York", "history", List.of(), "proposed", proposed));
    assertThat(answer.getStatusCode().value()).as(String.valueOf(answer.getBody())).isEqualTo(200);
    return answer.getBody();
  }

  @Test
  void theImportTakesContactPointsAndABadOneCostsOnlyItsRow() throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    var json = api.json();
    Map<String, Object> good = request(null, null, List.of(point("PHONE", "+1 212 555 0146", "MOBILE")));
    good.put("externalRef", "CP-" + run + "-good");
    Map<String, Object> bad = request(null, null, List.of(point("PHONE", "+1 212 555 0147", "PERSONAL")));
    bad.put("externalRef", "CP-" + run + "-bad");
    String jsonl = json.writeValueAsString(good) + "\n" + json.writeValueAsString(bad) + "\n";
    String csvCell = json.writeValueAsString(List.of(point("EMAIL", "csv@example.org", "WORK"))).replace("\"", "\"\"");
    String csv = "externalRef,debtor.name,debtor.phone,debtor.timeZone,debtor.jurisdiction,principal,currency,dueDate,product,"
        + "debtor.contactPoints\n"
        + "CP-" + run + "-csv,Dana,+1 212 555 0148,America/New_York,US-NY,10.00,USD,2027-02-01,CARD,\"" + csvCell + "\"\n"
        + "CP-" + run + "-csvbad,Dana,,America/New_York,US-NY,10.00,USD,2027-02-01,CARD,\"[{\"\"kind\"\":\"\"FAX\"\"}]\"\n";

    JsonNode lines = imported("application/x-ndjson", jsonl);
    JsonNode rows = imported("text/csv", csv);

    assertThat(lines.get("imported").asInt()).isEqualTo(1);
    assertThat(lines.get("rejections").get("rows").get(0).get("reasons").toString()).contains("debtor.contactPoints[0].type");
    assertThat(rows.get("imported").asInt()).isEqualTo(1);
    assertThat(rows.get("rejections").get("rows").get(0).get("reasons").toString()).contains("debtor.contactPoints");
    assertThat(pointsOf("CP-" + run + "-good")).containsExactly("PHONE MOBILE");
    assertThat(pointsOf("CP-" + run + "-csv")).containsExactly("PHONE MOBILE", "EMAIL WORK");
  }

  private List<String> pointsOf(String externalRef) {
    return jdbc.queryForList(
        "select p.kind || ' ' || p.type from contact_point p join debt d on d.debtor_id = p.debtor_id"
            + " where d.external_ref = ? order by p.priority, p.created_at, p.id", String.class, externalRef);
  }

  private JsonNode imported(String contentType, String body) {
    ResponseEntity<JsonNode> accepted = api.postRaw("/api/portfolio/imports", contentType, body);
    assertThat(accepted.getStatusCode().value()).as(String.valueOf(accepted.getBody())).isEqualTo(202);
    String id = accepted.getBody().get("id").asText();
    return await().atMost(Api.PATIENCE).pollInterval(Duration.ofMillis(200))
        .until(() -> api.get("/api/portfolio/imports/" + id + "?size=100").getBody(),
            v -> !List.of("RECEIVED", "STORING", "STARTING_CASES").contains(v.get("state").asText()));
  }
}
