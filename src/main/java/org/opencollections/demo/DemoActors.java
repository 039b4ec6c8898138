package org.opencollections.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.opencollections.access.Role;
import org.opencollections.compliance.Channel;
import org.opencollections.compliance.ContactAttempt;
import org.opencollections.compliance.ContactGovernor;
import org.opencollections.compliance.HoldKind;
import org.opencollections.compliance.Holds;
import org.opencollections.compliance.Medium;
import org.opencollections.intake.DebtQueries;
import org.opencollections.intake.DebtView;
import org.opencollections.ledger.NewPayment;
import org.opencollections.ledger.Payments;
import org.opencollections.platform.ConflictException;
import org.opencollections.platform.InvalidInputException;
import org.opencollections.platform.NotFoundException;
import org.opencollections.tasks.UserTasks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;

/**
 * What debtors and collectors do on one simulated day of the demo, through the services the API uses and as the
 * demo users (so the timeline and the contact ledger name them): the operator calls and texts (the governor
 * decides first, as for every contact), works negotiation tasks (a conversation, then a promise or no
 * commitment), and records payments; the compliance officer records disputes and hardship and answers disputes
 * with verification. Some promises are kept on their date, the others are left to break.
 */
final class DemoActors {

  private static final Logger LOG = LoggerFactory.getLogger(DemoActors.class);
  static final String NEGOTIATION = "Task_NegotiateWithDebtor";
  private static final String OPERATOR = "operator";
  private static final String COMPLIANCE = "compliance";

  /** Chances a day, per open case. */
  private static final double PAYS = 0.012;
  private static final double CONTACTED = 0.03;
  private static final double DISPUTES = 0.002;
  private static final double HARDSHIP = 0.001;
  /** Chance a day that a waiting negotiation task is worked, and that a promise made is kept. */
  private static final double NEGOTIATED = 0.4;
  private static final double KEEPS_PROMISE = 0.6;

  private final UserTasks tasks;
  private final Payments payments;
  private final ContactGovernor governor;
  private final Holds holds;
  private final DebtQueries debts;
  private final Clock clock;

  private record Promise(LocalDate date, BigDecimal amount, String currency, ZoneId zone, boolean kept) {}

  private record Dispute(UUID debtId, UUID holdId, int day) {}

  private final Map<UUID, Promise> promises = new HashMap<>();
  private final List<Dispute> disputes = new ArrayList<>();

  DemoActors(UserTasks tasks, Payments payments, ContactGovernor governor, Holds holds, DebtQueries debts, Clock clock) {
    this.tasks = tasks;
    this.payments = payments;
    this.governor = governor;
    this.holds = holds;
    this.debts = debts;
    this.clock = clock;
  }

  /** What one day brought; the log line of the day. */
  static final class Day {
    int payments, contactsMade, contactsDeferred, contactsBlocked, promises, promisesKept, noCommitment, holds,
        verifications, refused, failed;

    @Override
    public String toString() {
      return "payments " + payments + " (" + promisesKept + " of them promises kept), contacts made " + contactsMade
          + ", deferred " + contactsDeferred + ", blocked " + contactsBlocked + ", promises " + promises
          + ", no commitment " + noCommitment + ", holds " + holds + ", dispute verifications " + verifications
          + (refused > 0 ? ", refused by the services " + refused : "") + (failed > 0 ? ", failed " + failed : "");
    }
  }

  /**
   * Acts on the open cases of the demo import for simulated day {@code day}.
   *
   * @param open the open cases of the demo, in import order
   */
  Day act(int day, List<UUID> open, Random random) {
    Day report = new Day();
    keepPromises(report);
    negotiate(day, Set.copyOf(open), random, report);
    verifyDisputes(day, report);
    for (UUID debt : open) {
      double r = random.nextDouble();
      if (r < PAYS) {
        pay(debt, day, random, report);
      } else if (r < PAYS + CONTACTED) {
        contact(debt, day, random, report);
      } else if (r < PAYS + CONTACTED + DISPUTES) {
        hold(debt, HoldKind.DISPUTE, day, report);
      } else if (r < PAYS + CONTACTED + DISPUTES + HARDSHIP) {
        hold(debt, HoldKind.HARDSHIP, day, report);
      }
    }
    SecurityContextHolder.clearContext();
    return report;
  }

  /** The debtors who promised pay on their date (in their own calendar); the others let the promise break. */
  private void keepPromises(Day report) {
    for (var it = promises.entrySet().iterator(); it.hasNext(); ) {
      var entry = it.next();
      Promise p = entry.getValue();
      if (LocalDate.now(clock.withZone(p.zone())).isBefore(p.date())) {
        continue;
      }
      it.remove();
      if (p.kept()) {
        UUID debt = entry.getKey();
        boolean posted = attempt(report, () -> as(OPERATOR, Role.OPERATOR, () ->
            payments.post(debt, new NewPayment("DEMO-PTP-" + debt + "-" + p.date(), p.amount(), p.currency()))));
        if (posted) {
          report.payments++;
          report.promisesKept++;
        }
      }
    }
  }

  /** The collector works some of the negotiation tasks: a call first (the governor decides), then the outcome. */
  private void negotiate(int day, Set<UUID> demoCases, Random random, Day report) {
    List<String> authorities = List.of(Role.OPERATOR.authority());
    List<UserTasks.Task> waiting = as(OPERATOR, Role.OPERATOR, () -> tasks.open(authorities)).stream()
        .filter(t -> NEGOTIATION.equals(t.elementId()) && demoCases.contains(t.debtId()))
        .sorted(java.util.Comparator.comparingLong(UserTasks.Task::id)) // the engine's list has no fixed order
        .toList();
    for (UserTasks.Task task : waiting) {
      if (random.nextDouble() >= NEGOTIATED) {
        continue;
      }
      UUID debt = task.debtId();
      ContactAttempt call = call(debt, "CONVERSATION", "demo:" + day + ":negotiation:" + debt, report);
      if (call == null || call.status() != ContactAttempt.Status.MADE) {
        continue; // not now: the collector tries again another day
      }
      DebtView view = debts.view(debt);
      Map<String, Object> outcome;
      if (random.nextDouble() < 0.7 && view.balance().signum() > 0) {
        ZoneId zone = ZoneId.of(view.timeZone());
        LocalDate date = LocalDate.now(clock.withZone(zone)).plusDays(2 + random.nextInt(7));
        BigDecimal amount = share(view.balance(), view.currency(), 0.25 + random.nextDouble() * 0.75);
        outcome = Map.of("outcome", "PROMISE_TO_PAY", "promiseAmount", amount, "promiseDate", date.toString());
        if (complete(task, outcome, authorities, report)) {
          report.promises++;
          promises.put(debt, new Promise(date, amount, view.currency(), zone, random.nextDouble() < KEEPS_PROMISE));
        }
      } else if (complete(task, Map.of("outcome", "NO_CONTACT"), authorities, report)) {
        report.noCommitment++;
      }
    }
  }

  private boolean complete(UserTasks.Task task, Map<String, Object> outcome, List<String> authorities, Day report) {
    return attempt(report, () -> as(OPERATOR, Role.OPERATOR, () -> tasks.complete(task.id(), outcome, authorities)));
  }

  /** A payment arrives: a third pay in full, the others part of the balance. */
  private void pay(UUID debt, int day, Random random, Day report) {
    DebtView view = debts.view(debt);
    if (view.balance().signum() <= 0) {
      return;
    }
    BigDecimal amount =
        random.nextDouble() < 0.33 ? view.balance() : share(view.balance(), view.currency(), 0.1 + random.nextDouble() * 0.4);
    if (attempt(report, () -> as(OPERATOR, Role.OPERATOR, () ->
        payments.post(debt, new NewPayment("DEMO-PAY-" + day + "-" + debt, amount, view.currency()))))) {
      report.payments++;
    }
  }

  /** The collector calls, texts or e-mails; the governor answers first (made, deferred or blocked). */
  private void contact(UUID debt, int day, Random random, Day report) {
    double r = random.nextDouble();
    if (r < 0.7) {
      String[] outcomes = {"CONVERSATION", "NO_ANSWER", "NO_ANSWER", "VOICEMAIL", "WRONG_PARTY"};
      call(debt, outcomes[random.nextInt(outcomes.length)], "demo:" + day + ":call:" + debt, report);
    } else {
      Channel channel = r < 0.85 ? Channel.SMS : Channel.EMAIL;
      record(report, as(OPERATOR, Role.OPERATOR, () -> governor.attempt(debt, channel, ContactAttempt.Direction.OUTBOUND,
          "operator-" + channel.name().toLowerCase(), "SENT", "demo:" + day + ":" + channel + ":" + debt)));
    }
  }

  private ContactAttempt call(UUID debt, String outcome, String key, Day report) {
    ContactAttempt[] made = {null};
    attempt(report, () -> made[0] = as(OPERATOR, Role.OPERATOR, () ->
        governor.attempt(debt, Channel.CALL, ContactAttempt.Direction.OUTBOUND, "operator-call", outcome, key)));
    return made[0] == null ? null : record(report, made[0]);
  }

  private static ContactAttempt record(Day report, ContactAttempt attempt) {
    switch (attempt.status()) {
      case MADE -> report.contactsMade++;
      case DEFERRED -> report.contactsDeferred++;
      case BLOCKED -> report.contactsBlocked++;
    }
    return attempt;
  }

  /** The compliance officer records a written dispute or a hardship the debtor reported. */
  private void hold(UUID debt, HoldKind kind, int day, Day report) {
    Holds.Started[] started = {null};
    if (attempt(report, () -> started[0] = as(COMPLIANCE, Role.COMPLIANCE_OFFICER, () ->
        holds.start(debt, kind, "Demo: the debtor reported it", "demo-" + kind + "-" + debt, Medium.WRITTEN, null)))) {
      report.holds++;
      if (kind == HoldKind.DISPUTE && started[0].hold().releasedAt() == null) {
        disputes.add(new Dispute(debt, started[0].hold().id(), day));
      }
    }
  }

  /** Disputes are answered with verification about ten days later, and collection goes on. */
  private void verifyDisputes(int day, Day report) {
    for (var it = disputes.iterator(); it.hasNext(); ) {
      Dispute d = it.next();
      if (day - d.day() >= 10) {
        it.remove();
        if (attempt(report, () -> as(COMPLIANCE, Role.COMPLIANCE_OFFICER, () -> holds.verify(d.debtId(), d.holdId())))) {
          report.verifications++;
        }
      }
    }
  }

  /** Part of a balance at the currency's scale, at least its smallest unit, never more than the balance. */
  static BigDecimal share(BigDecimal balance, String currency, double fraction) {
    int scale = Currency.getInstance(currency).getDefaultFractionDigits();
    BigDecimal part = balance.multiply(BigDecimal.valueOf(fraction)).setScale(scale, RoundingMode.DOWN);
    BigDecimal least = BigDecimal.ONE.movePointLeft(scale);
    return part.compareTo(least) < 0 ? balance.min(least) : part;
  }

  /**
   * Runs an action a service may refuse because the case moved on meanwhile (closed, the task completed by the
   * process, a hold in the way): the refusal is counted, as a person would shrug and go to the next case. Any
   * other failure is logged and counted, and the day goes on.
   */
  private static boolean attempt(Day report, Runnable action) {
    try {
      action.run();
      return true;
    } catch (ConflictException | InvalidInputException | NotFoundException e) {
      report.refused++;
      LOG.debug("demo: refused: {}", e.getMessage());
      return false;
    } catch (RuntimeException e) {
      // a busy engine that did not confirm in time, say: this action is lost, the demo goes on with the next
      report.failed++;
      LOG.warn("demo: an action failed: {}", e.toString());
      return false;
    }
  }

  /** Acts as a demo user, so {@code platform/Actor} records them. */
  private static <T> T as(String user, Role role, Supplier<T> action) {
    SecurityContextHolder.setContext(new SecurityContextImpl(UsernamePasswordAuthenticationToken.authenticated(
        user, null, List.of(new SimpleGrantedAuthority(role.authority())))));
    return action.get();
  }
}
