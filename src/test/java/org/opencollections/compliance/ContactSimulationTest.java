package org.opencollections.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.opencollections.compliance.ContactAttempt.Direction;
import org.opencollections.simulation.SimulatedTime;
import org.opencollections.support.Api;
import org.opencollections.support.CollectionsTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An aggressive strategy against debts in mixed jurisdictions over simulated weeks: a call, text or e-mail every three hours,
 * day and night, plus the process's own reminders. The governor decides every attempt; an independent
 * checker that reads only the ledger finds no violation. Half of the debtors owe two debts each. Each debtor has several
 * contact points of varied type, consent and validity (a work phone some may not be called at, a home line, a mobile
 * without consent to texts, a work address without consent); halfway through, some consents are withdrawn and some
 * numbers turn out wrong or addresses bounce; an operator sometimes names the point to use. Sized for the test suite; larger runs take
 * -Dsimulation.debts=N -Dsimulation.days=N (e.g. 200 and 90: about 10 minutes here).
 */
@CollectionsTest
@Order(6)
class ContactSimulationTest {

  static final String[][] PLACES = {
    {"America/New_York", "US-NY"}, {"America/New_York", "US-MA"}, {"Asia/Kolkata", "IN"},
    {"America/Los_Angeles", "US-CA"}, {"Europe/London", "GB"}, {"America/New_York", "US-NY-NYC"}
  };

  @Autowired TestRestTemplate http;
  @Autowired ContactGovernor governor;
  @Autowired SimulatedTime time;
  @Autowired JdbcTemplate jdbc;

  @Test
  void anAggressiveStrategyNeverBreaksARule() {
    int debtCount = Integer.getInteger("simulation.debts", 60);
    int days = Integer.getInteger("simulation.days", 21);
    Api api = new Api(http);
    List<UUID> debts = new ArrayList<>();
    String run = UUID.randomUUID().toString().substring(0, 8);
    for (int i = 0; i < debtCount; i++) {
      // debts come in pairs from one place; in every other round of places a pair is owed by one debtor, so
      // limits per debtor bite
      int pair = i / 2;
      String[] place = PLACES[pair % PLACES.length];
      Map<String, Object> request =
          new java.util.HashMap<>(Api.debtRequest("750.00", api.dateInDays(-15), "PERSONAL_LOAN", place[0], place[1]));
      @SuppressWarnings("unchecked")
      Map<String, Object> debtor = new java.util.HashMap<>((Map<String, Object>) request.get("debtor"));
      if ((pair / PLACES.length) % 2 == 0) { // every other round of places: so each place has both kinds
        debtor.put("externalRef", "SIM-" + run + "-" + pair);
      }
      if (i % 4 == 3) {
        debtor.remove("phone"); // no single phone: only the listed points, none with consent to texts or calls to a mobile
      }
      debtor.put("contactPoints", contactPoints(i));
      request.put("debtor", debtor);
      debts.add(UUID.fromString(api.createDebt(request)));
    }
    // let the engine take in the new cases (segmentation, first reminders) before the strategy starts
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofMinutes(30))
        .pollInterval(Duration.ofSeconds(2))
        .until(
            () -> jdbc.queryForObject(
                "select count(*) from debt where id = any(?) and stage not in ('INTAKE', 'SEGMENTATION')", Integer.class,
                (Object) debts.toArray(UUID[]::new)),
            started -> started == debtCount);
    Random random = new Random(42);
    Map<ContactAttempt.Status, Integer> byStatus = new EnumMap<>(ContactAttempt.Status.class);
    Map<ContactRule, Integer> byRule = new TreeMap<>();
    int attempted = 0;
    // eight 3-hour steps a day: whole days, so later tests still run at mid-morning in New York
    for (int step = 0; step < days * 8; step++) {
      time.advance(Duration.ofHours(3));
      if (step == days * 4) { // halfway: consents withdrawn, wrong numbers and bounces found, then a second later on
        changeContactPoints(api, debts);
        time.advance(Duration.ofSeconds(1));
      }
      for (UUID debt : debts) {
        double r = random.nextDouble();
        String outcome = r < 0.1 ? "CONVERSATION" : r < 0.3 ? "VOICEMAIL" : "NO_ANSWER";
        // mostly calls, and texts and e-mails, which Massachusetts and New York City count with them
        double c = random.nextDouble();
        Channel channel = c < 0.6 ? Channel.CALL : c < 0.85 ? Channel.SMS : Channel.EMAIL;
        // now and then the operator names the point (any of the channel's kind, lawful or not)
        UUID named = random.nextDouble() < 0.2 ? anyPoint(debt, channel, random) : null;
        ContactAttempt a = governor.attempt(debt, channel, Direction.OUTBOUND, "operator-" + channel.name().toLowerCase(),
            channel == Channel.CALL ? outcome : null, null, named);
        attempted++;
        byStatus.merge(a.status(), 1, Integer::sum);
        if (a.status() != ContactAttempt.Status.MADE) {
          byRule.merge(a.rule(), 1, Integer::sum);
        }
      }
    }
    // the process's own reminders went through the governor too: they are in the same ledger
    List<String> violations = new IndependentContactChecker(jdbc).violations(debts);
    Integer ledgerRows = jdbc.queryForObject("select count(*) from contact_attempt where debt_id = any(?)", Integer.class,
        (Object) debts.toArray(UUID[]::new));
    System.out.printf(
        "Contact simulation: %d debts, %d days, %d operator attempts, %d ledger rows; %s; not made by rule %s; violations %d%n",
        debtCount, days, attempted, ledgerRows, byStatus, byRule, violations.size());

    assertThat(violations).isEmpty();
    assertThat(byStatus.get(ContactAttempt.Status.MADE)).isPositive();
    assertThat(byRule)
        .containsKeys(
            ContactRule.LOCAL_TIME_WINDOW, ContactRule.CALL_FREQUENCY, ContactRule.CALL_AFTER_CONVERSATION,
            ContactRule.DEBTOR_CALL_FREQUENCY, ContactRule.NO_CONSENT, ContactRule.NO_VALID_CONTACT_POINT,
            ContactRule.WORKPLACE_CONTACT_PROHIBITED);
    // the ledger names the point of every call, text and e-mail the governor decided
    assertThat(jdbc.queryForObject(
        "select count(*) from contact_attempt where debt_id = any(?) and channel <> 'LETTER' and contact_point_id is null"
            + " and rule not in ('NO_CONTACT_DETAILS')", Integer.class, (Object) debts.toArray(UUID[]::new))).isZero();

    // the checker is not blind: a call the governor would never have allowed, written straight into the
    // ledger at 23:30 in New York, is reported
    UUID victim = debts.getFirst(); // its single phone is a mobile with consent to calls
    UUID mobile = jdbc.queryForObject(
        "select p.id from contact_point p join debt d on d.debtor_id = p.debtor_id where d.id = ? and p.type = 'MOBILE'"
            + " and p.call_consent = 'GIVEN' order by p.priority limit 1", UUID.class, victim);
    java.time.ZonedDateTime later = java.time.ZonedDateTime.now(java.time.ZoneId.of("America/New_York")).plusYears(5);
    rogue(victim, "CALL", mobile, later.withHour(23).withMinute(30));
    assertThat(new IndependentContactChecker(jdbc).violations(debts))
        .singleElement().asString().contains("23:30");
    // nor blind to the points: a text at noon to a home line without consent to texts
    UUID home = jdbc.queryForObject(
        "select p.id from contact_point p join debt d on d.debtor_id = p.debtor_id where d.id = ? and p.type = 'HOME'",
        UUID.class, victim);
    rogue(victim, "SMS", home, later.plusDays(1).withHour(12));
    assertThat(new IndependentContactChecker(jdbc).violations(debts)).hasSize(2)
        .anySatisfy(v -> assertThat(v).contains("SMS without consent to a HOME point"));
  }

  private void rogue(UUID debt, String channel, UUID point, java.time.ZonedDateTime at) {
    jdbc.update(
        "insert into contact_attempt (id, debt_id, channel, template, status, attempted_at, direction, outcome, rule,"
            + " contact_point_id) values (?, ?, ?, 'rogue', 'MADE', ?, 'OUTBOUND', 'NO_ANSWER', 'NONE', ?)",
        UUID.randomUUID(), debt, channel, java.sql.Timestamp.from(at.toInstant()), point);
  }

  /**
   * Varied points per debtor: a work phone first in line (every third may not be called at work), a home line with
   * no consent recorded, a mobile with consent to texts for every other debtor and never to calls, a work address
   * without consent for some.
   */
  static List<Map<String, Object>> contactPoints(int i) {
    List<Map<String, Object>> points = new ArrayList<>();
    points.add(Map.of("kind", "PHONE", "value", "+1 212 555 1" + String.format("%03d", i), "type", "WORK",
        "doNotCallAtWork", i % 3 == 0, "priority", 0));
    points.add(Map.of("kind", "PHONE", "value", "+1 212 555 2" + String.format("%03d", i), "type", "HOME", "priority", 2));
    Map<String, Object> mobile = new java.util.HashMap<>(
        Map.of("kind", "PHONE", "value", "+1 212 555 3" + String.format("%03d", i), "type", "MOBILE", "priority", 3));
    if (i % 2 == 0) {
      mobile.put("consent", Map.of("text", Map.of("status", "GIVEN", "source", "application form")));
    }
    points.add(mobile);
    if (i % 3 == 1) {
      points.add(Map.of("kind", "EMAIL", "value", "dana" + i + "@work.example", "type", "WORK", "priority", 0));
    }
    return points;
  }

  /** Halfway: some text consents withdrawn, some debtors' phones all wrong numbers, some addresses bounced. */
  private void changeContactPoints(Api api, List<UUID> debts) {
    for (int i = 0; i < debts.size(); i++) {
      var points = jdbc.queryForList(
          "select p.id, p.kind, p.text_consent from contact_point p join debt d on d.debtor_id = p.debtor_id where d.id = ?",
          debts.get(i));
      for (var p : points) {
        Map<String, Object> change = null;
        if (i % 5 == 4 && p.get("kind").equals("PHONE")) {
          change = Map.of("validity", "WRONG_NUMBER");
        } else if (i % 6 == 2 && p.get("kind").equals("EMAIL")) {
          change = Map.of("validity", "BOUNCED");
        } else if (i % 4 == 1 && "GIVEN".equals(p.get("text_consent"))) {
          change = Map.of("consent", Map.of("text", Map.of("status", "WITHDRAWN", "source", "reply STOP")));
        }
        if (change != null) {
          String debtor = jdbc.queryForObject("select debtor_id::text from debt where id = ?", String.class, debts.get(i));
          var answer = api.call(org.springframework.http.HttpMethod.PATCH,
              "/api/debtors/" + debtor + "/contact-points/" + p.get("id"), change);
          assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(200);
        }
      }
    }
  }

  private UUID anyPoint(UUID debt, Channel channel, Random random) {
    if (channel == Channel.LETTER) {
      return null;
    }
    List<UUID> points = jdbc.queryForList(
        "select p.id from contact_point p join debt d on d.debtor_id = p.debtor_id where d.id = ? and p.kind = ?"
            + " order by p.id", UUID.class, debt, channel == Channel.EMAIL ? "EMAIL" : "PHONE");
    return points.isEmpty() ? null : points.get(random.nextInt(points.size()));
  }
}
