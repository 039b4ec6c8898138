package org.opencollections.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.opencollections.support.Api.type;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.opencollections.support.Api;
import org.opencollections.support.CollectionsTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

/** The governor through the API: every attempt is recorded with its decision and can be explained. */
@CollectionsTest
@Order(5)
class ContactGovernorApiTest {

  @Autowired TestRestTemplate http;
  Api api;

  @BeforeEach
  void setUp() {
    api = new Api(http);
  }

  ResponseEntity<JsonNode> call(String debt, String outcome) {
    return api.post(
        "/api/debts/" + debt + "/contact-attempts", Map.of("channel", "CALL", "direction", "OUTBOUND", "outcome", outcome));
  }

  String debt(String zone, String jurisdiction) {
    return api.createDebt(Api.debtRequest("500.00", api.dateInDays(-30), "PERSONAL_LOAN", zone, jurisdiction));
  }

  @Test
  void regulationF_1006_14b2iA_theEighthCallInSevenDaysIsDeferredAndExplained() {
    String debt = debt("America/New_York", "US-NY");
    for (int i = 0; i < 7; i++) {
      ResponseEntity<JsonNode> made = call(debt, "NO_ANSWER");
      assertThat(made.getStatusCode().value()).isEqualTo(201);
      assertThat(made.getBody().get("status").asText()).isEqualTo("MADE");
    }

    ResponseEntity<JsonNode> eighth = call(debt, "NO_ANSWER");

    assertThat(eighth.getStatusCode().value()).isEqualTo(201);
    JsonNode attempt = eighth.getBody();
    assertThat(attempt.get("status").asText()).isEqualTo("DEFERRED");
    assertThat(attempt.get("rule").asText()).isEqualTo("CALL_FREQUENCY");
    assertThat(attempt.get("ruleSet").asText()).isEqualTo("US federal (Regulation F)");
    assertThat(attempt.get("ruleVersion").asInt()).isPositive();
    assertThat(attempt.get("inputs").get("countedInLast8Days").asInt()).isEqualTo(7);
    assertThat(OffsetDateTime.parse(attempt.get("notBefore").asText()).getHour()).isEqualTo(8);

    // who asked: the operator's own attempts name them; the process's reminders say process
    assertThat(attempt.get("actor").asText()).isEqualTo("admin");
    assertThat(api.get("/api/debts/" + debt + "/contact-attempts").getBody()).anySatisfy(a ->
        assertThat(a.get("actor").asText()).isEqualTo("process"));
    assertThat(api.timeline(debt)).anySatisfy(e -> {
      assertThat(e.get("type").asText()).isEqualTo("CONTACT_DEFERRED");
      assertThat(e.get("details").get("actor").asText()).isEqualTo("admin");
    });
    JsonNode explained = api.get(eighth.getHeaders().getLocation().getPath()).getBody();
    assertThat(explained.get("id")).isEqualTo(attempt.get("id"));
    assertThat(explained.get("ruleMeaning").asText()).contains("7 consecutive days");
    assertThat(api.timeline(debt)).anyMatch(e -> "CONTACT_DEFERRED".equals(e.get("type").asText()));
  }

  @Test
  void regulationF_1006_14b2iB_aConversationHoldsOffCallsButNotEmail() {
    String debt = debt("America/New_York", "US-NY");
    assertThat(call(debt, "CONVERSATION").getBody().get("status").asText()).isEqualTo("MADE");

    JsonNode next = call(debt, "NO_ANSWER").getBody();
    ResponseEntity<JsonNode> email =
        api.post("/api/debts/" + debt + "/contact-attempts", Map.of("channel", "EMAIL", "direction", "OUTBOUND", "outcome", "SENT"));

    assertThat(next.get("rule").asText()).isEqualTo("CALL_AFTER_CONVERSATION");
    assertThat(email.getBody().get("status").asText()).isEqualTo("MADE");
  }

  @Test
  void massachusetts_940Cmr_7_04_1f_allowsTwoCallsInSevenDays() {
    String debt = debt("America/New_York", "US-MA");
    call(debt, "NO_ANSWER");
    call(debt, "VOICEMAIL");

    JsonNode third = call(debt, "NO_ANSWER").getBody();

    assertThat(third.get("status").asText()).isEqualTo("DEFERRED");
    assertThat(third.get("ruleSet").asText()).startsWith("US-MA");
  }

  @Test
  void india_RbiFairPracticesCode_allowsCallsOnlyUntilSevenInTheEvening() {
    // simulated time runs at about 10:00 in New York: 20:30 in Kolkata
    String debt = debt("Asia/Kolkata", "IN");
    JsonNode late = call(debt, "NO_ANSWER").getBody();
    assertThat(late.get("status").asText()).isEqualTo("DEFERRED");
    assertThat(late.get("rule").asText()).isEqualTo("LOCAL_TIME_WINDOW");
    assertThat(late.get("ruleSet").asText()).startsWith("IN");
    assertThat(OffsetDateTime.parse(late.get("notBefore").asText()).getHour()).isEqualTo(8);
  }

  @Test
  void regulationF_1006_6b1i_anAutomatedReminderOutsideTheWindowIsSentAtTheFirstLawfulMoment() {
    String debt = debt("Asia/Kolkata", "IN");
    JsonNode deferred = api.awaitTimeline(debt, type("CONTACT_DEFERRED"));
    assertThat(deferred.get("details").get("template").asText()).isEqualTo("soft-reminder");
    assertThat(api.count(debt, type("CONTACT"))).isZero();

    api.advance("PT12H");
    try {
      JsonNode sent = api.awaitTimeline(debt, type("CONTACT"));
      assertThat(OffsetDateTime.parse(sent.get("occurredAt").asText()).getHour()).isBetween(8, 18);
    } finally {
      api.advance("PT12H"); // back to mid-morning in New York for the tests that follow
    }
  }

  @Test
  void aHoldBlocksContactUntilItIsReleased_12CFR1006_38d2_11USC362() {
    String debt = debt("America/New_York", "US-NY");
    ResponseEntity<JsonNode> hold = api.post("/api/debts/" + debt + "/holds", Map.of("kind", "CEASE_COMMUNICATION", "reason", "Written request to stop"));
    assertThat(hold.getStatusCode().value()).isEqualTo(201);

    JsonNode blocked = call(debt, "NO_ANSWER").getBody();
    assertThat(blocked.get("status").asText()).isEqualTo("BLOCKED");
    assertThat(blocked.get("rule").asText()).isEqualTo("ACTIVE_HOLD");
    // the one contact a cease request allows: the process confirms it in writing, once
    JsonNode confirmation =
        api.awaitTimeline(debt, e -> type("CONTACT").test(e) && "cease-confirmation".equals(e.get("details").path("template").asText()));
    assertThat(confirmation.get("details").get("channel").asText()).isEqualTo("LETTER");
    assertThat(api.count(debt, e -> "cease-confirmation".equals(e.get("details").path("template").asText()))).isEqualTo(1);

    String holdId = hold.getBody().get("id").asText();
    assertThat(api.post("/api/debts/" + debt + "/holds/" + holdId + "/release", Map.of()).getStatusCode().value()).isEqualTo(200);
    assertThat(call(debt, "NO_ANSWER").getBody().get("status").asText()).isEqualTo("MADE");
    assertThat(api.timeline(debt)).extracting(e -> e.get("type").asText()).contains("HOLD_STARTED", "HOLD_RELEASED");
  }

  @Test
  void hardshipPausesCollectionButAllowsOfferingAPlan_creditorPolicy() {
    String debt = debt("America/New_York", "US-NY");
    api.post("/api/debts/" + debt + "/holds", Map.of("kind", "HARDSHIP", "reason", "Lost income"));
    assertThat(call(debt, "CONVERSATION").getBody().get("status").asText()).isEqualTo("MADE");
  }

  @Test
  void aChannelTheDebtorHasNoDetailsForIsBlockedNotMade_12CFR1006_14a() {
    // 1,500 USD, 30 days past due: the STANDARD segment, whose reminders go by e-mail
    var request = new java.util.HashMap<>(Api.debtRequest("1500.00", api.dateInDays(-30), "PERSONAL_LOAN"));
    request.put("debtor", Map.of("name", "Sam NoMail", "phone", "+1 212 555 0199", "timeZone", "America/New_York", "jurisdiction", "US-NY"));
    String debt = api.createDebt(request);

    JsonNode email =
        api.post("/api/debts/" + debt + "/contact-attempts", Map.of("channel", "EMAIL", "direction", "OUTBOUND", "outcome", "SENT")).getBody();
    assertThat(email.get("status").asText()).isEqualTo("BLOCKED");
    assertThat(email.get("rule").asText()).isEqualTo("NO_CONTACT_DETAILS");
    assertThat(call(debt, "NO_ANSWER").getBody().get("status").asText()).isEqualTo("MADE");
    // the process's own e-mail reminders are blocked the same way: the case goes on, no incident
    JsonNode reminder =
        api.awaitTimeline(debt, e -> type("CONTACT_BLOCKED").test(e) && "NO_CONTACT_DETAILS".equals(e.get("details").path("rule").asText())
            && !"manual".equals(e.get("details").path("template").asText()));
    assertThat(reminder.get("details").path("channel").asText()).isEqualTo("EMAIL");
  }

  @Test
  void ceaseBlockedChannelsAndAnAttorneyApplyToAutomatedContactsToo_15USC1692c_a2_c_12CFR1006_14h() {
    String debt = debt("America/New_York", "US-NY");
    String debtor = api.debt(debt).get("debtorId").asText();
    api.awaitTimeline(debt, type("CONTACT"));

    ResponseEntity<JsonNode> ceased =
        api.put("/api/debtors/" + debtor + "/contact-preferences", Map.of("ceaseCommunication", true, "blockedChannels", List.of("SMS")));
    assertThat(ceased.getStatusCode().value()).isEqualTo(200);

    JsonNode afterCease =
        api.post("/api/debts/" + debt + "/contact-attempts", Map.of("channel", "EMAIL", "direction", "OUTBOUND", "outcome", "SENT")).getBody();
    assertThat(afterCease.get("rule").asText()).isEqualTo("CEASE_COMMUNICATION");

    api.put("/api/debtors/" + debtor + "/contact-preferences", Map.of("ceaseCommunication", false, "blockedChannels", List.of("SMS")));
    JsonNode sms =
        api.post("/api/debts/" + debt + "/contact-attempts", Map.of("channel", "SMS", "direction", "OUTBOUND", "outcome", "SENT")).getBody();
    assertThat(sms.get("rule").asText()).isEqualTo("CHANNEL_BLOCKED");
    // the inputs read back exactly as the governor saw them: the list of channels, not a collection's properties
    JsonNode recorded = api.get("/api/debts/" + debt + "/contact-attempts/" + sms.get("id").asText()).getBody();
    assertThat(recorded.get("inputs").get("blockedChannels").isArray()).isTrue();
    assertThat(recorded.get("inputs").get("blockedChannels").get(0).asText()).isEqualTo("SMS");
    assertThat(recorded.get("inputs").get("blockedChannels")).hasSize(1);
    assertThat(api.get("/api/audit?debtId=" + debt).getBody().toString()).doesNotContain("traversableAgain");

    api.put("/api/debtors/" + debtor + "/contact-preferences",
        Map.of("ceaseCommunication", false, "attorney", Map.of("name", "A. Counsel", "phone", "+1 212 555 0199")));
    JsonNode attorney = call(debt, "NO_ANSWER").getBody();
    assertThat(attorney.get("rule").asText()).isEqualTo("ATTORNEY_REPRESENTED");
    // the debtor calling in is never refused, and is recorded
    JsonNode inbound =
        api.post("/api/debts/" + debt + "/contact-attempts", Map.of("channel", "CALL", "direction", "INBOUND", "outcome", "CONVERSATION")).getBody();
    assertThat(inbound.get("status").asText()).isEqualTo("MADE");
  }

  @Test
  void regulationF_1006_34_1006_38d2_theFirstWrittenContactCarriesTheValidationNoticeAndATimelyDisputeStopsCollectionUntilVerification() {
    String debt = debt("America/New_York", "US-NY");
    JsonNode reminder = api.awaitTimeline(debt, type("CONTACT"));
    assertThat(reminder.get("summary").asText()).endsWith("with the validation notice");

    ResponseEntity<JsonNode> dispute =
        api.post("/api/debts/" + debt + "/holds", Map.of("kind", "DISPUTE", "reason", "Not my debt"));
    assertThat(dispute.getBody().get("requiresVerification").asBoolean()).isTrue();
    String path = "/api/debts/" + debt + "/holds/" + dispute.getBody().get("id").asText();

    assertThat(call(debt, "NO_ANSWER").getBody().get("rule").asText()).isEqualTo("ACTIVE_HOLD");
    assertThat(api.post(path + "/release", Map.of()).getStatusCode().value()).isEqualTo(409);
    ResponseEntity<JsonNode> verified = api.post(path + "/verification", Map.of());
    assertThat(verified.getStatusCode().value()).isEqualTo(200);
    assertThat(verified.getBody().get("releasedAt").isNull()).isFalse();
    assertThat(call(debt, "NO_ANSWER").getBody().get("status").asText()).isEqualTo("MADE");
    assertThat(api.timeline(debt)).extracting(e -> e.get("type").asText()).contains("VERIFICATION_SENT");
  }

  /** 12 CFR 1006.38(d)(2) asks for verification of a dispute in writing within the period; the table adds nothing. */
  @Test
  void regulationF_1006_38d2_aLateDisputeRequiresNoVerificationAndByDefaultCollectionGoesOn() {
    String debt = debt("America/New_York", "US-NY");
    api.awaitTimeline(debt, type("CONTACT"));
    api.advance("P40D"); // past 5 working days + 30 days

    ResponseEntity<JsonNode> dispute =
        api.post("/api/debts/" + debt + "/holds", Map.of("kind", "DISPUTE", "medium", "WRITTEN"));

    assertThat(dispute.getStatusCode().value()).isEqualTo(201);
    assertThat(dispute.getBody().get("requiresVerification").asBoolean()).isFalse();
    assertThat(dispute.getBody().get("pausesCollection").asBoolean()).isFalse();
    assertThat(dispute.getBody().get("releasedAt").isNull()).isFalse();
    assertThat(call(debt, "NO_ANSWER").getBody().get("status").asText()).isEqualTo("MADE");
    JsonNode noted = api.timeline(debt).stream().filter(e -> e.get("type").asText().equals("HOLD_STARTED")).findFirst().orElseThrow();
    assertThat(noted.get("summary").asText()).startsWith("Dispute noted");
    assertThat(noted.get("details").get("treatment").get("matchedRule").asText()).isEqualTo("Rule_DisputeBeyondTheLaw");
    assertThat(noted.get("details").get("treatment").get("decisionChecksum").asText()).hasSize(64);
    assertThat(api.debt(debt).get("stage").asText()).isNotEqualTo("ON_HOLD");
  }

  @Test
  void regulationF_1006_38d2_anOralDisputeInTimeRequiresNoVerificationAnElectronicOneDoes() {
    String debt = debt("America/New_York", "US-NY");
    api.awaitTimeline(debt, type("CONTACT"));

    JsonNode oral = api.post("/api/debts/" + debt + "/holds", Map.of("kind", "DISPUTE", "medium", "ORAL")).getBody();
    assertThat(oral.get("requiresVerification").asBoolean()).isFalse();
    assertThat(oral.get("pausesCollection").asBoolean()).isFalse();
    assertThat(oral.get("medium").asText()).isEqualTo("ORAL");
    assertThat(call(debt, "NO_ANSWER").getBody().get("status").asText()).isEqualTo("MADE");

    JsonNode electronic = api.post("/api/debts/" + debt + "/holds", Map.of("kind", "DISPUTE", "medium", "ELECTRONIC")).getBody();
    assertThat(electronic.get("requiresVerification").asBoolean()).isTrue();
    assertThat(electronic.get("pausesCollection").asBoolean()).isTrue();
    assertThat(call(debt, "NO_ANSWER").getBody().get("rule").asText()).isEqualTo("ACTIVE_HOLD");
  }

  /** What counts is when the dispute was received, not when someone entered it. */
  @Test
  void regulationF_1006_38d2_aWrittenDisputeReceivedInTimeButEnteredLateStillRequiresVerification() {
    String debt = debt("America/New_York", "US-NY");
    api.awaitTimeline(debt, type("CONTACT"));
    OffsetDateTime inTime = OffsetDateTime.parse(api.get("/api/simulation/clock").getBody().get("now").asText()).plusDays(20);
    api.advance("P40D");

    ResponseEntity<JsonNode> dispute = api.post("/api/debts/" + debt + "/holds",
        Map.of("kind", "DISPUTE", "medium", "WRITTEN", "receivedAt", inTime.toString()));
    assertThat(dispute.getBody().get("requiresVerification").asBoolean()).isTrue();
    assertThat(OffsetDateTime.parse(dispute.getBody().get("receivedAt").asText()).toInstant()).isEqualTo(inTime.toInstant());

    ResponseEntity<JsonNode> future = api.post("/api/debts/" + debt + "/holds",
        Map.of("kind", "DISPUTE", "medium", "WRITTEN", "receivedAt", inTime.plusYears(1).toString()));
    assertThat(future.getStatusCode().value()).isEqualTo(400);
    assertThat(future.getBody().get("errors").get("receivedAt").asText()).contains("future");
    ResponseEntity<JsonNode> badMedium = api.post("/api/debts/" + debt + "/holds", Map.of("kind", "DISPUTE", "medium", "PIGEON"));
    assertThat(badMedium.getStatusCode().value()).isEqualTo(400);
  }

  @Test
  void refusesABadContactRequest() {
    String debt = debt("America/New_York", "US-NY");
    ResponseEntity<JsonNode> bad =
        api.post("/api/debts/" + debt + "/contact-attempts", Map.of("channel", "PIGEON", "direction", "OUTBOUND", "outcome", "SENT"));
    ResponseEntity<JsonNode> noOutcome =
        api.post("/api/debts/" + debt + "/contact-attempts", Map.of("channel", "CALL", "direction", "OUTBOUND"));
    assertThat(bad.getStatusCode().value()).isEqualTo(400);
    assertThat(noOutcome.getStatusCode().value()).isEqualTo(400);
    assertThat(noOutcome.getBody().get("errors").has("outcome")).isTrue();
    assertThat(api.get("/api/debts/" + debt + "/contact-attempts/00000000-0000-0000-0000-000000000000").getStatusCode().value())
        .isEqualTo(404);
  }

  /** A client that sends the same attempt twenty times at once (a double-click, a retrying proxy) records one. */
  @Test
  void twentyConcurrentAttemptsWithOneRequestIdRecordOneAttempt() throws Exception {
    String debt = debt("America/New_York", "US-NY");
    var pool = java.util.concurrent.Executors.newFixedThreadPool(20);
    try {
      List<java.util.concurrent.Future<ResponseEntity<JsonNode>>> answers = new java.util.ArrayList<>();
      for (int i = 0; i < 20; i++) {
        answers.add(pool.submit(() -> api.post("/api/debts/" + debt + "/contact-attempts",
            Map.of("channel", "CALL", "direction", "OUTBOUND", "outcome", "NO_ANSWER", "requestId", "dial-1"))));
      }
      java.util.Set<String> ids = new java.util.HashSet<>();
      for (var answer : answers) {
        ResponseEntity<JsonNode> response = answer.get();
        assertThat(response.getStatusCode().value()).as(String.valueOf(response.getBody())).isEqualTo(201);
        ids.add(response.getBody().get("id").asText());
      }
      assertThat(ids).hasSize(1);
    } finally {
      pool.shutdown();
    }
    JsonNode attempts = api.get("/api/debts/" + debt + "/contact-attempts").getBody();
    long calls = java.util.stream.StreamSupport.stream(attempts.spliterator(), false)
        .filter(a -> "operator-call".equals(a.get("template").asText())).count();
    assertThat(calls).isEqualTo(1);
  }
}
