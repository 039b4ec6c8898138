package org.opencollections.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencollections.models.DeployedModels;
import org.opencollections.support.Api;
import org.opencollections.support.CollectionsTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * POST /api/compliance/what-if: the governor's answer to a contact that has not happened, from a history the
 * caller gives, with the rule, the rule set's version and checksum and the counts it used. Histories are
 * written from the rule texts (the section in each test's name); one replays what the live API recorded and
 * must get the live answer.
 */
@CollectionsTest
class WhatIfApiTest {

  static final String NY = "America/New_York";

  @Autowired TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;
  Api api;

  @BeforeEach
  void setUp() {
    api = new Api(http, "compliance");
  }

  static Map<String, Object> event(String at, String kind, String debt) {
    Map<String, Object> e = new HashMap<>();
    e.put("at", at);
    e.put("kind", kind);
    e.put("debt", debt);
    return e;
  }

  ResponseEntity<JsonNode> ask(String jurisdiction, List<Map<String, Object>> history, Map<String, Object> proposed) {
    return api.post("/api/compliance/what-if",
        Map.of("jurisdiction", jurisdiction, "timeZone", NY, "history", history, "proposed", proposed));
  }

  @Test
  void massachusetts_940Cmr_7_04_1f_aCallAndATextMakeAThirdTextWaitAndTheAnswerSaysUntilWhen() throws Exception {
    ResponseEntity<JsonNode> answer = ask("US-MA",
        List.of(event("2027-03-01T09:00:00-05:00", "CALL_ATTEMPT", "A"), event("2027-03-04T09:00:00-05:00", "SMS", "A")),
        event("2027-03-07T12:00:00-05:00", "SMS", "A"));

    assertThat(answer.getStatusCode().value()).isEqualTo(200);
    JsonNode a = answer.getBody();
    assertThat(a.get("decision").asText()).isEqualTo("DEFER");
    assertThat(a.get("rule").asText()).isEqualTo("CALL_FREQUENCY");
    assertThat(a.get("notBefore").asText()).isEqualTo("2027-03-08T08:00:00-05:00"); // EST: daylight time starts 14 March 2027
    assertThat(a.get("ruleSet").asText()).contains("US-MA");
    assertThat(a.get("ruleVersion").asInt()).isPositive();
    assertThat(a.get("ruleChecksum").asText())
        .isEqualTo(DeployedModels.sha256(Files.readAllBytes(Path.of("dmn/contact-rules.dmn"))));
    assertThat(a.get("counts").get("countedInLast8Days").asInt()).isEqualTo(2);
    assertThat(a.get("counts").get("countedChannels")).hasSize(2);
    // under Regulation F alone the same two would not count against a text at all
    assertThat(ask("US-NY", List.of(event("2027-03-01T09:00:00-05:00", "CALL_ATTEMPT", "A"),
        event("2027-03-04T09:00:00-05:00", "SMS", "A")), event("2027-03-07T12:00:00-05:00", "SMS", "A"))
        .getBody().get("decision").asText()).isEqualTo("ALLOW");
  }

  @Test
  void massachusetts_940Cmr_7_04_1f_countsTheDebtorsOtherDebtsToo() {
    ResponseEntity<JsonNode> answer = ask("US-MA",
        List.of(event("2027-03-01T09:00:00-05:00", "CALL_ATTEMPT", "B"), event("2027-03-02T09:00:00-05:00", "CALL_ATTEMPT", "B")),
        event("2027-03-03T10:00:00-05:00", "CALL_ATTEMPT", "A"));
    assertThat(answer.getBody().get("rule").asText()).isEqualTo("DEBTOR_CALL_FREQUENCY");
    assertThat(answer.getBody().get("counts").get("countedToDebtorInLast8Days").asInt()).isEqualTo(2);
    assertThat(answer.getBody().get("counts").get("countedInLast8Days").asInt()).isZero();
  }

  @Test
  void regulationF_1006_6b1i_aCallAtTenAtNightWaitsForEightInTheMorning() {
    JsonNode a = ask("US-NY", List.of(), event("2027-03-02T22:00:00-05:00", "CALL_ATTEMPT", "A")).getBody();
    assertThat(a.get("decision").asText()).isEqualTo("DEFER");
    assertThat(a.get("rule").asText()).isEqualTo("LOCAL_TIME_WINDOW");
    assertThat(a.get("notBefore").asText()).isEqualTo("2027-03-03T08:00:00-05:00");
  }

  @Test
  void regulationF_1006_14b2iB_aConversationStopsCallsForSevenDaysNotEmails() {
    List<Map<String, Object>> talked = List.of(event("2027-03-01T11:00:00-05:00", "CONVERSATION", "A"));
    JsonNode call = ask("US-NY", talked, event("2027-03-05T10:00:00-05:00", "CALL_ATTEMPT", "A")).getBody();
    assertThat(call.get("rule").asText()).isEqualTo("CALL_AFTER_CONVERSATION");
    assertThat(call.get("notBefore").asText()).isEqualTo("2027-03-08T08:00:00-05:00");
    assertThat(ask("US-NY", talked, event("2027-03-05T10:00:00-05:00", "EMAIL", "A")).getBody().get("decision").asText())
        .isEqualTo("ALLOW");
  }

  @Test
  void blocksFollowOnlyAnAction_aCeaseRequestABlockedChannelAnUnverifiedDispute_15USC1692c_c_12CFR1006_14h_1006_38d2() {
    String at = "2027-03-03T10:00:00-05:00";
    Map<String, Object> cease = event("2027-03-01T09:00:00-05:00", "CEASE_REQUEST", "B");
    cease.put("medium", "WRITTEN");
    JsonNode ceased = ask("US-NY", List.of(cease), event(at, "LETTER", "A")).getBody();
    assertThat(ceased.get("decision").asText()).isEqualTo("BLOCK");
    assertThat(ceased.get("rule").asText()).isEqualTo("CEASE_COMMUNICATION");
    assertThat(ceased.get("notBefore").isNull()).isTrue();

    Map<String, Object> blocked = event("2027-03-01T09:00:00-05:00", "CHANNEL_BLOCKED", "A");
    blocked.put("channel", "SMS");
    assertThat(ask("US-NY", List.of(blocked), event(at, "SMS", "A")).getBody().get("rule").asText()).isEqualTo("CHANNEL_BLOCKED");
    assertThat(ask("US-NY", List.of(blocked), event(at, "EMAIL", "A")).getBody().get("decision").asText()).isEqualTo("ALLOW");

    Map<String, Object> dispute = event("2027-03-01T09:00:00-05:00", "DISPUTE_RECEIVED", "A");
    dispute.put("medium", "WRITTEN");
    assertThat(ask("US-NY", List.of(dispute), event(at, "EMAIL", "A")).getBody().get("rule").asText()).isEqualTo("ACTIVE_HOLD");
    assertThat(ask("US-NY", List.of(dispute, event("2027-03-02T09:00:00-05:00", "VERIFICATION_SENT", "A")), event(at, "EMAIL", "A"))
        .getBody().get("decision").asText()).isEqualTo("ALLOW");
    // a dispute about another debt does not stop this one
    assertThat(ask("US-NY", List.of(dispute), event(at, "EMAIL", "C")).getBody().get("decision").asText()).isEqualTo("ALLOW");
  }

  @Test
  void regulationF_1006_38d2_onlyADisputeInWritingWithinTheValidationPeriodStopsContactByDefault() {
    String at = "2027-04-20T10:00:00-04:00";
    Map<String, Object> notice = event("2027-03-01T09:00:00-05:00", "VALIDATION_NOTICE_SENT", "A");
    Map<String, Object> writtenInTime = event("2027-03-20T09:00:00-04:00", "DISPUTE_RECEIVED", "A");
    writtenInTime.put("medium", "WRITTEN");
    Map<String, Object> oralInTime = event("2027-03-20T09:00:00-04:00", "DISPUTE_RECEIVED", "A");
    oralInTime.put("medium", "ORAL");
    Map<String, Object> writtenLate = event("2027-04-19T09:00:00-04:00", "DISPUTE_RECEIVED", "A");
    writtenLate.put("medium", "ELECTRONIC");

    assertThat(ask("US-NY", List.of(notice, writtenInTime), event(at, "EMAIL", "A")).getBody().get("rule").asText())
        .isEqualTo("ACTIVE_HOLD");
    assertThat(ask("US-NY", List.of(notice, oralInTime), event(at, "EMAIL", "A")).getBody().get("decision").asText())
        .isEqualTo("ALLOW");
    // 1 March + 5 working days + 30 days ends on 7 April: a dispute on 19 April is late
    assertThat(ask("US-NY", List.of(notice, writtenLate), event(at, "EMAIL", "A")).getBody().get("decision").asText())
        .isEqualTo("ALLOW");
  }

  /** A compliance officer tries a changed table on a history before it is deployed. */
  @Test
  void aCandidateTableIsAskedInsteadOfTheDeployedOneAndNothingIsDeployed() throws Exception {
    String deployed = Files.readString(Path.of("dmn/contact-rules.dmn"));
    // a stricter Massachusetts: one telephone communication in 7 days instead of two
    String stricter = deployed.replace(
        "<outputEntry id=\"Rule_Massachusetts_out4\"><text>2</text></outputEntry>",
        "<outputEntry id=\"Rule_Massachusetts_out4\"><text>1</text></outputEntry>");
    assertThat(stricter).isNotEqualTo(deployed);
    List<Map<String, Object>> oneCall = List.of(event("2027-03-01T09:00:00-05:00", "CALL_ATTEMPT", "A"));
    Map<String, Object> proposed = event("2027-03-03T10:00:00-05:00", "SMS", "A");

    assertThat(ask("US-MA", oneCall, proposed).getBody().get("decision").asText()).isEqualTo("ALLOW");
    JsonNode candidate = api.post("/api/compliance/what-if", Map.of("jurisdiction", "US-MA", "timeZone", NY,
        "history", oneCall, "proposed", proposed, "candidateRules", stricter)).getBody();
    assertThat(candidate.get("decision").asText()).isEqualTo("DEFER");
    assertThat(candidate.get("rule").asText()).isEqualTo("CALL_FREQUENCY");
    assertThat(candidate.get("ruleVersion").asInt()).isZero();
    assertThat(candidate.get("ruleChecksum").asText()).isEqualTo(DeployedModels.sha256(stricter.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    // the live table is still the deployed one
    assertThat(ask("US-MA", oneCall, proposed).getBody().get("decision").asText()).isEqualTo("ALLOW");

    ResponseEntity<JsonNode> broken = api.post("/api/compliance/what-if", Map.of("jurisdiction", "US-MA", "timeZone", NY,
        "history", oneCall, "proposed", proposed, "candidateRules", "<definitions>not a table"));
    assertThat(broken.getStatusCode().value()).isEqualTo(400);
    assertThat(broken.getBody().get("errors").has("candidateRules")).isTrue();
  }

  @Test
  void itStoresNothingAndRefusesAQuestionThatIsNotOne() {
    Integer before = jdbc.queryForObject("select count(*) from contact_attempt", Integer.class);
    ask("US-NY", List.of(), event("2027-03-02T10:00:00-05:00", "CALL_ATTEMPT", "A"));
    assertThat(jdbc.queryForObject("select count(*) from contact_attempt", Integer.class)).isEqualTo(before);

    ResponseEntity<JsonNode> notAContact = ask("US-NY", List.of(), event("2027-03-02T10:00:00-05:00", "DISPUTE_RECEIVED", "A"));
    assertThat(notAContact.getStatusCode().value()).isEqualTo(400);
    assertThat(notAContact.getBody().get("errors").has("proposed.kind")).isTrue();
    ResponseEntity<JsonNode> noZone = api.post("/api/compliance/what-if", Map.of("jurisdiction", "US-NY", "timeZone", "Mars/Olympus",
        "history", List.of(), "proposed", event("2027-03-02T10:00:00-05:00", "CALL_ATTEMPT", "A")));
    assertThat(noZone.getStatusCode().value()).isEqualTo(400);
    assertThat(noZone.getBody().get("errors").has("timeZone")).isTrue();
    ResponseEntity<JsonNode> badTime = ask("US-NY", List.of(), event("2 March, 10 am", "CALL_ATTEMPT", "A"));
    assertThat(badTime.getStatusCode().value()).isEqualTo(400);
    Map<String, Object> wrongChannel = event("2027-03-01T09:00:00-05:00", "SMS", "A");
    wrongChannel.put("channel", "CALL");
    assertThat(ask("US-NY", List.of(wrongChannel), event("2027-03-02T10:00:00-05:00", "CALL_ATTEMPT", "A"))
        .getBody().get("errors").has("history[0].channel")).isTrue();
  }

  /** The what-if and the live governor share one code path: the ledger's history gives the live answer. */
  @Test
  void replayingTheLedgerOfALiveCaseGivesTheAnswerTheLiveGovernorGave() {
    Api admin = new Api(http);
    String debt = admin.createDebt(Api.debtRequest("500.00", admin.dateInDays(-30), "PERSONAL_LOAN", NY, "US-MA"));
    List<JsonNode> attempts = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      attempts.add(admin.post("/api/debts/" + debt + "/contact-attempts",
          Map.of("channel", "CALL", "direction", "OUTBOUND", "outcome", "NO_ANSWER")).getBody());
    }
    JsonNode live = attempts.getLast();
    assertThat(live.get("status").asText()).isEqualTo("DEFERRED");

    List<Map<String, Object>> history = new ArrayList<>();
    for (JsonNode row : admin.get("/api/debts/" + debt + "/contact-attempts").getBody()) {
      if (row.get("status").asText().equals("MADE") && row.get("direction").asText().equals("OUTBOUND")) {
        String kind = switch (row.get("channel").asText()) {
          case "CALL" -> "CALL_ATTEMPT";
          default -> row.get("channel").asText();
        };
        history.add(event(row.get("attemptedAt").asText(), kind, "this"));
      }
    }
    JsonNode asked = ask("US-MA", history, event(live.get("attemptedAt").asText(), "CALL_ATTEMPT", "this")).getBody();
    assertThat(asked.get("decision").asText()).isEqualTo("DEFER");
    assertThat(asked.get("rule").asText()).isEqualTo(live.get("rule").asText());
    assertThat(OffsetDateTime.parse(asked.get("notBefore").asText()).toInstant())
        .isEqualTo(OffsetDateTime.parse(live.get("notBefore").asText()).toInstant());
    assertThat(asked.get("ruleVersion").asInt()).isEqualTo(live.get("ruleVersion").asInt());
    assertThat(asked.get("ruleChecksum").asText()).isEqualTo(live.get("ruleChecksum").asText());
  }
}
