package org.opencollections.targets;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.Currency;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.opencollections.platform.Money;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What each collector did in a period, counted by the database (one row per collector comes back, never the
 * postings, commitments or contacts themselves). The rules:
 * <ul>
 *   <li>Amount collected: the payments booked in the period (a payment later reversed counts for nobody),
 *       credited to the collector who made the commitment the payment falls under (the debt's commitment that
 *       was active when the payment was booked: made before it, not yet kept, broken or superseded), else to
 *       the debt's assignee when it was booked, else to nobody (unattributed). Per currency, never converted.
 *   <li>Promises kept: commitments (promises, plans, settlements) kept in the period, by their maker.
 *   <li>Contacts made: contact attempts the governor allowed (MADE) in the period, by who recorded them.
 * </ul>
 */
@Component
class Performance {

  /** The commitment a payment falls under, and who made it; {@code process} or unknown is nobody. */
  private static final String COLLECTED =
      "select collector, currency, sum(amount) from ("
          + " select p.currency, p.amount, coalesce(nullif(("
          + "   select c.actor from commitment c where c.debt_id = p.debt_id and c.created_at <= p.booked_at"
          + "     and (c.resolved_at is null or c.resolved_at >= p.booked_at)"
          + "   order by c.created_at desc limit 1), 'process'), p.assignee) as collector"
          + " from posting p where p.kind = 'PAYMENT' and p.booked_at >= ? and p.booked_at < ?"
          + "   and not exists (select 1 from posting r"
          + "     where r.debt_id = p.debt_id and r.kind = 'REVERSAL' and r.reference = p.reference)"
          + ") credited group by collector, currency";

  private static final String KEPT =
      "select actor, count(*) from commitment where status = 'KEPT' and resolved_at >= ? and resolved_at < ?"
          + " and actor is not null group by actor";

  private static final String MADE =
      "select actor, count(*) from contact_attempt where status = 'MADE' and attempted_at >= ? and attempted_at < ?"
          + " and actor is not null group by actor";

  /** One collector's figures; amounts by currency code, at the currency's scale. */
  record Actual(Map<String, BigDecimal> collected, int promisesKept, int contactsMade) {
    static final Actual NONE = new Actual(Map.of(), 0, 0);
  }

  /** By collector; the payments credited to nobody under {@code unattributed}. */
  record Figures(Map<String, Actual> byCollector, Map<String, BigDecimal> unattributed) {
    Actual of(String collector) {
      return byCollector.getOrDefault(collector, Actual.NONE);
    }
  }

  private final JdbcTemplate jdbc;

  Performance(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  Figures between(TargetMonth month) {
    Timestamp from = Timestamp.from(month.from());
    Timestamp until = Timestamp.from(month.until());
    Map<String, Map<String, BigDecimal>> collected = new HashMap<>();
    Map<String, BigDecimal> unattributed = new TreeMap<>();
    jdbc.query(COLLECTED, rs -> {
      String collector = rs.getString(1);
      String currency = rs.getString(2);
      BigDecimal amount = Money.atScale(rs.getBigDecimal(3), Currency.getInstance(currency));
      if (collector == null) {
        unattributed.put(currency, amount);
      } else {
        collected.computeIfAbsent(collector, c -> new TreeMap<>()).put(currency, amount);
      }
    }, from, until);
    Map<String, Integer> kept = counts(KEPT, from, until);
    Map<String, Integer> made = counts(MADE, from, until);
    Map<String, Actual> byCollector = new HashMap<>();
    java.util.Set<String> all = new java.util.HashSet<>(collected.keySet());
    all.addAll(kept.keySet());
    all.addAll(made.keySet());
    for (String c : all) {
      byCollector.put(c, new Actual(
          Map.copyOf(collected.getOrDefault(c, Map.of())), kept.getOrDefault(c, 0), made.getOrDefault(c, 0)));
    }
    return new Figures(byCollector, unattributed);
  }

  private Map<String, Integer> counts(String sql, Timestamp from, Timestamp until) {
    Map<String, Integer> counts = new HashMap<>();
    jdbc.query(sql, rs -> {
      counts.put(rs.getString(1), rs.getInt(2));
    }, from, until);
    return counts;
  }
}
