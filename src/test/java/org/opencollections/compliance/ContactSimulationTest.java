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
 * checker that reads only the ledger finds no violation. Half of the debtors owe two debts each. Sized for the test suite; larger runs take
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
      if ((pair / PLACES.length) % 2 == 0) { // every other round of places: so each place has both kinds
        @SuppressWarnings("unchecked")
        Map<String, Object> debtor = new java.util.HashMap<>((Map<String, Object>) request.get("debtor"));
        debtor.put("externalRef", "SIM-" + run + "-" + pair);
        request.put("debtor", debtor);
      }
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
      for (UUID debt : debts) {
        double r = random.nextDouble();
        String outcome = r < 0.1 ? "CONVERSATION" : r < 0.3 ? "VOICEMAIL" : "NO_ANSWER";
        // mostly calls, and texts and e-mails, which Massachusetts and New York City count with them
        double c = random.nextDouble();
        Channel channel = c < 0.6 ? Channel.CALL : c < 0.85 ? Channel.SMS : Channel.EMAIL;
        ContactAttempt a = governor.attempt(debt, channel, Direction.OUTBOUND, "operator-" + channel.name().toLowerCase(),
            channel == Channel.CALL ? outcome : null, null);
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
            ContactRule.DEBTOR_CALL_FREQUENCY);

    // the checker is not blind: a call the governor would never have allowed, written straight into the
    // ledger at 23:30 in New York, is reported
    UUID victim = debts.getFirst();
    jdbc.update(
        "insert into contact_attempt (id, debt_id, channel, template, status, attempted_at, direction, outcome, rule)"
            + " values (?, ?, 'CALL', 'rogue-call', 'MADE', ?, 'OUTBOUND', 'NO_ANSWER', 'NONE')",
        UUID.randomUUID(), victim,
        java.sql.Timestamp.from(java.time.ZonedDateTime.now(java.time.ZoneId.of("America/New_York"))
            .plusYears(5).withHour(23).withMinute(30).toInstant()));
    assertThat(new IndependentContactChecker(jdbc).violations(debts))
        .singleElement().asString().contains("23:30");
  }
}
