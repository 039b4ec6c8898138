package org.opencollections.analytics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.opencollections.analytics.Kpis.ChannelCost;
import org.opencollections.analytics.Kpis.Rate;
import org.opencollections.ledger.PostingKind;
import org.opencollections.platform.Money;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Computes the KPIs in PostgreSQL: each figure is one aggregate query over the application's own tables
 * (debt, posting, commitment and instalment, contact_attempt, case_event, engine_user_task), so a portfolio of
 * 100,000 debts is counted by the database, never loaded into the heap. The definitions are in README.md, "KPIs".
 */
@Service
class KpiQueries {

  /** The debts asked for: the segment and the product, each only if given. */
  private static final String FILTER =
      " (cast(:segment as varchar) is null or d.segment = :segment)"
          + " and (cast(:product as varchar) is null or d.product = :product) ";

  /** What a posting does to the balance, from the ledger's own signs (a recovery leaves it). */
  private static final String SIGNED =
      Arrays.stream(PostingKind.values())
          .filter(k -> k.sign() != 0)
          .map(k -> "when '" + k.name() + "' then " + (k.sign() < 0 ? "-" : "") + "p.amount")
          .collect(Collectors.joining(" ", "(case p.kind ", " else 0 end)"));

  /** Money received from the debtor: payments and recoveries, less payments taken back. */
  private static final String COLLECTED =
      "(case p.kind when 'PAYMENT' then p.amount when 'RECOVERY' then p.amount when 'REVERSAL' then -p.amount else 0 end)";

  private static String bucket(String days) {
    String d = "greatest(0, " + days + ")";
    return "(case when " + d + " <= 30 then '0-30' when " + d + " <= 60 then '31-60' when " + d + " <= 90 then '61-90'"
        + " when " + d + " <= 120 then '91-120' when " + d + " <= 180 then '121-180' else '181+' end)";
  }

  /**
   * The debts open with a balance due at the start of the period: their bucket then, where they stand at its
   * end (a bucket, CURED or WRITTEN_OFF), their balance at the start and what they paid during the period.
   */
  private static final String AT_START =
      "with moved as ("
          + " select p.debt_id, sum(" + SIGNED + ") filter (where p.booked_at < :start) as delta,"
          + "  sum(" + COLLECTED + ") filter (where p.booked_at >= :start) as collected"
          + " from posting p join debt d on d.id = p.debt_id"
          + " where p.booked_at < :end and " + FILTER + " group by p.debt_id),"
          + " opened as ("
          + " select d.id, d.currency, d.due_date, d.status, d.closed_at,"
          + "  d.principal + coalesce(m.delta, 0) as balance, coalesce(m.collected, 0) as collected"
          + " from debt d left join moved m on m.debt_id = d.id"
          + " where " + FILTER + " and d.created_at < :start and (d.closed_at is null or d.closed_at >= :start)),"
          + " placed as ("
          + " select o.*, " + bucket("cast(:fromDate as date) - o.due_date") + " as from_bucket,"
          + "  case when o.status in ('PAID', 'SETTLED') and o.closed_at < :end then 'CURED'"
          + "   when o.status = 'WRITTEN_OFF' and o.closed_at < :end then 'WRITTEN_OFF'"
          + "   else " + bucket("cast(:toDate as date) - o.due_date") + " end as to_column"
          + " from opened o where o.balance > 0) ";

  private final NamedParameterJdbcTemplate jdbc;
  private final UnitCosts costs;
  private final Clock clock;

  KpiQueries(NamedParameterJdbcTemplate jdbc, UnitCosts costs, Clock clock) {
    this.jdbc = jdbc;
    this.costs = costs;
    this.clock = clock;
  }

  @Transactional(readOnly = true)
  Kpis compute(KpiQuery q) {
    Instant now = clock.instant();
    MapSqlParameterSource p = new MapSqlParameterSource()
        .addValue("segment", q.segment())
        .addValue("product", q.product())
        .addValue("start", Timestamp.from(q.start()))
        .addValue("end", Timestamp.from(q.end()))
        .addValue("now", Timestamp.from(now))
        .addValue("fromDate", java.sql.Date.valueOf(q.from()))
        .addValue("toDate", java.sql.Date.valueOf(q.to()));
    var rolls = rollRates(p);
    Map<String, BigDecimal> collectedInPeriod = collectedInPeriod(p);
    return new Kpis(
        q.from().toString(), q.to().toString(), q.segment(), q.product(),
        now.truncatedTo(ChronoUnit.SECONDS).toString(),
        rolls.rates(), rolls.cures(), contactRates(p), contactDecisions(p), rolls.liquidation(), recovery(p),
        costToCollect(p, collectedInPeriod), timeInStage(p), slaBreaches(p));
  }

  private record Rolls(Kpis.RollRates rates, Kpis.Cures cures, Map<String, Kpis.Liquidation> liquidation) {}

  private Rolls rollRates(MapSqlParameterSource p) {
    Map<String, Map<String, Long>> cells = new LinkedHashMap<>();
    Kpis.BUCKETS.forEach(b -> cells.put(b, zeroes()));
    long[] selfCured = new long[1];
    Map<String, BigDecimal[]> money = new TreeMap<>(); // currency -> balance at the start, collected
    // one pass over the population: the matrix, the self-cures and the liquidation's sums per currency
    jdbc.query(AT_START
            + "select from_bucket, to_column, currency, count(*) as debts, count(*) filter (where to_column = 'CURED'"
            + "  and not exists (select 1 from contact_attempt ca where ca.debt_id = placed.id and ca.status = 'MADE'"
            + "   and ca.outcome = 'CONVERSATION' and ca.attempted_at < placed.closed_at)"
            + "  and not exists (select 1 from commitment c where c.debt_id = placed.id and c.created_at < placed.closed_at)"
            + " ) as self_cured, sum(balance) as balance, sum(collected) as collected"
            + " from placed group by from_bucket, to_column, currency", p,
        rs -> {
          cells.get(rs.getString("from_bucket")).merge(rs.getString("to_column"), rs.getLong("debts"), Long::sum);
          selfCured[0] += rs.getLong("self_cured");
          BigDecimal[] sums = money.computeIfAbsent(rs.getString("currency"), c -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
          sums[0] = sums[0].add(rs.getBigDecimal("balance"));
          sums[1] = sums[1].add(rs.getBigDecimal("collected"));
        });
    Map<String, Kpis.Liquidation> liquidation = new TreeMap<>();
    money.forEach((code, sums) -> {
      Currency currency = Currency.getInstance(code);
      BigDecimal balance = money(sums[0], currency);
      BigDecimal collected = money(sums[1], currency);
      liquidation.put(code, new Kpis.Liquidation(collected.toPlainString(), balance.toPlainString(), Kpis.ratio(collected, balance, 4)));
    });
    Map<String, Kpis.RollRow> rows = new LinkedHashMap<>();
    long all = 0;
    long cured = 0;
    for (int i = 0; i < Kpis.BUCKETS.size(); i++) {
      Map<String, Long> to = cells.get(Kpis.BUCKETS.get(i));
      long debts = to.values().stream().mapToLong(Long::longValue).sum();
      long forward = 0;
      for (int j = i + 1; j < Kpis.BUCKETS.size(); j++) {
        forward += to.get(Kpis.BUCKETS.get(j));
      }
      rows.put(Kpis.BUCKETS.get(i), new Kpis.RollRow(debts, to, Rate.of(forward, debts), Rate.of(to.get(Kpis.CURED), debts)));
      all += debts;
      cured += to.get(Kpis.CURED);
    }
    return new Rolls(
        new Kpis.RollRates(Kpis.BUCKETS, Kpis.COLUMNS, rows),
        new Kpis.Cures(all, Rate.of(cured, all), Rate.of(selfCured[0], all)), liquidation);
  }

  private static Map<String, Long> zeroes() {
    Map<String, Long> row = new LinkedHashMap<>();
    Kpis.COLUMNS.forEach(c -> row.put(c, 0L));
    return row;
  }

  private Map<String, Kpis.Recovery> recovery(MapSqlParameterSource p) {
    Map<String, Kpis.Recovery> out = new TreeMap<>();
    jdbc.query(
        "with received as (select p.debt_id, sum(" + COLLECTED + ") as collected from posting p join debt d on d.id = p.debt_id"
            + "  where p.booked_at < :end and " + FILTER + " group by p.debt_id)"
            + " select d.currency, sum(d.principal) as placed, coalesce(sum(r.collected), 0) as collected"
            + " from debt d left join received r on r.debt_id = d.id"
            + " where " + FILTER + " and d.created_at < :end group by d.currency", p,
        rs -> {
          Currency currency = Currency.getInstance(rs.getString("currency"));
          BigDecimal placed = money(rs.getBigDecimal("placed"), currency);
          BigDecimal collected = money(rs.getBigDecimal("collected"), currency);
          out.put(currency.getCurrencyCode(),
              new Kpis.Recovery(collected.toPlainString(), placed.toPlainString(), Kpis.ratio(collected, placed, 4)));
        });
    return out;
  }

  /** Collected in the period from every debt of the filter (placed before the period or during it), per currency. */
  private Map<String, BigDecimal> collectedInPeriod(MapSqlParameterSource p) {
    Map<String, BigDecimal> out = new TreeMap<>();
    jdbc.query(
        "select d.currency, sum(" + COLLECTED + ") as collected from posting p join debt d on d.id = p.debt_id"
            + " where p.booked_at >= :start and p.booked_at < :end and " + FILTER + " group by d.currency", p,
        rs -> {
          Currency currency = Currency.getInstance(rs.getString("currency"));
          out.put(currency.getCurrencyCode(), money(rs.getBigDecimal("collected"), currency));
        });
    return out;
  }

  private static final String ATTEMPTS =
      " from contact_attempt ca join debt d on d.id = ca.debt_id"
          + " where ca.attempted_at >= :start and ca.attempted_at < :end and " + FILTER;

  private Kpis.ContactRates contactRates(MapSqlParameterSource p) {
    long[] contacts = jdbc.queryForObject(
        "select count(*) filter (where ca.status = 'MADE' and ca.outcome = 'CONVERSATION') as rpc,"
            + " count(*) filter (where ca.status = 'MADE' and (ca.channel = 'CALL' or ca.outcome = 'CONVERSATION')) as live"
            + ATTEMPTS, p, (rs, n) -> new long[] {rs.getLong("rpc"), rs.getLong("live")});
    long promises = jdbc.queryForObject(
        "select count(*) from commitment c join debt d on d.id = c.debt_id where c.kind = 'PROMISE_TO_PAY'"
            + " and c.created_at >= :start and c.created_at < :end and " + FILTER, p, Long.class);
    long[] due = jdbc.queryForObject(
        "select count(*) filter (where c.status = 'KEPT') as kept,"
            + " count(*) filter (where c.status in ('KEPT', 'BROKEN')) as decided,"
            + " count(*) filter (where c.status = 'ACTIVE') as undecided"
            + " from commitment c join debt d on d.id = c.debt_id"
            + " cross join lateral (select max(i.due_date) as due from instalment i where i.commitment_id = c.id) i"
            + " where c.kind = 'PROMISE_TO_PAY' and i.due >= cast(:fromDate as date) and i.due < cast(:toDate as date)"
            + " and " + FILTER, p,
        (rs, n) -> new long[] {rs.getLong("kept"), rs.getLong("decided"), rs.getLong("undecided")});
    return new Kpis.ContactRates(
        Rate.of(contacts[0], contacts[1]), Rate.of(promises, contacts[0]), Rate.of(due[0], due[1]), due[2]);
  }

  private Kpis.ContactDecisions contactDecisions(MapSqlParameterSource p) {
    long[] counts = jdbc.queryForObject(
        "select count(*) as attempts, count(*) filter (where ca.status = 'MADE') as made,"
            + " count(*) filter (where ca.status = 'DEFERRED') as deferred,"
            + " count(*) filter (where ca.status = 'BLOCKED') as blocked" + ATTEMPTS, p,
        (rs, n) -> new long[] {rs.getLong("attempts"), rs.getLong("made"), rs.getLong("deferred"), rs.getLong("blocked")});
    Map<String, Rate> deferred = new TreeMap<>();
    Map<String, Rate> blocked = new TreeMap<>();
    jdbc.query("select ca.status, ca.rule, count(*) as n" + ATTEMPTS + " and ca.status <> 'MADE' group by ca.status, ca.rule", p,
        rs -> {
          ("DEFERRED".equals(rs.getString("status")) ? deferred : blocked)
              .put(rs.getString("rule"), Rate.of(rs.getLong("n"), counts[0]));
        });
    return new Kpis.ContactDecisions(
        counts[0], counts[1], Rate.of(counts[2], counts[0]), Rate.of(counts[3], counts[0]), deferred, blocked);
  }

  private Kpis.CostToCollect costToCollect(MapSqlParameterSource p, Map<String, BigDecimal> collectedInPeriod) {
    Currency currency = costs.currency();
    Map<String, ChannelCost> channels = new TreeMap<>();
    BigDecimal[] total = {money(BigDecimal.ZERO, currency)};
    jdbc.query("select ca.channel, count(*) as n" + ATTEMPTS + " and ca.status = 'MADE' group by ca.channel", p,
        rs -> {
          BigDecimal unit = costs.of(rs.getString("channel"));
          BigDecimal cost = unit.multiply(BigDecimal.valueOf(rs.getLong("n"))).setScale(Money.digits(currency), RoundingMode.HALF_UP);
          channels.put(rs.getString("channel"), new ChannelCost(rs.getLong("n"), unit.toPlainString(), cost.toPlainString()));
          total[0] = total[0].add(cost);
        });
    BigDecimal collected = collectedInPeriod.getOrDefault(currency.getCurrencyCode(), money(BigDecimal.ZERO, currency));
    return new Kpis.CostToCollect(
        currency.getCurrencyCode(), channels, total[0].toPlainString(), collected.toPlainString(),
        collected.signum() <= 0 ? null : Kpis.ratio(total[0], collected, 6));
  }

  private Map<String, Kpis.StageTime> timeInStage(MapSqlParameterSource p) {
    Map<String, Kpis.StageTime> out = new LinkedHashMap<>();
    jdbc.query(
        "with events as ("
            + " select e.type, e.occurred_at, e.details ->> 'from' as left_stage,"
            + "  lag(e.occurred_at) over w as since,"
            + "  lag(case e.type when 'STAGE_CHANGED' then e.details ->> 'to' when 'CASE_OPENED' then 'INTAKE'"
            + "   else 'CLOSED' end) over w as entered"
            + " from case_event e join debt d on d.id = e.debt_id"
            + " where e.type in ('CASE_OPENED', 'STAGE_CHANGED', 'CASE_CLOSED') and e.occurred_at < :end and " + FILTER
            + "  and e.debt_id in (select x.debt_id from case_event x where x.type in ('STAGE_CHANGED', 'CASE_CLOSED')"
            + "   and x.occurred_at >= :start and x.occurred_at < :end)"
            + " window w as (partition by e.debt_id order by e.occurred_at, e.id)),"
            + " visits as ("
            + " select coalesce(case when type = 'STAGE_CHANGED' then left_stage end, entered) as stage,"
            + "  extract(epoch from (occurred_at - since)) / 86400.0 as days"
            + " from events where occurred_at >= :start and since is not null and type <> 'CASE_OPENED'"
            + "  and entered is distinct from 'CLOSED')"
            + " select stage, count(*) as visits,"
            + "  percentile_cont(0.5) within group (order by days) as median,"
            + "  percentile_cont(0.9) within group (order by days) as p90"
            + " from visits group by stage", p,
        rs -> {
          out.put(rs.getString("stage"), new Kpis.StageTime(rs.getLong("visits"), days(rs.getDouble("median")), days(rs.getDouble("p90"))));
        });
    Map<String, Kpis.StageTime> ordered = new LinkedHashMap<>();
    out.entrySet().stream()
        .sorted(java.util.Comparator.comparingInt(e -> stageOrder(e.getKey())))
        .forEach(e -> ordered.put(e.getKey(), e.getValue()));
    return ordered;
  }

  private static int stageOrder(String stage) {
    try {
      return org.opencollections.intake.Stage.valueOf(stage).ordinal();
    } catch (IllegalArgumentException e) {
      return Integer.MAX_VALUE;
    }
  }

  private static String days(double days) {
    return BigDecimal.valueOf(days).setScale(2, RoundingMode.HALF_UP).toPlainString();
  }

  private Kpis.SlaBreaches slaBreaches(MapSqlParameterSource p) {
    // the engine writes a task's due date as an ISO date-time, sometimes with its zone's name in brackets
    long overdue = jdbc.queryForObject(
        "select count(*) from ("
            + " select cast(substring(t.due_date from '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[^\\[]+') as timestamptz) as due"
            + " from engine_user_task t join debt d on d.process_instance_key = t.process_instance_key"
            + " where t.due_date is not null and " + FILTER + ") x"
            + " where x.due >= :start and x.due < :end and x.due < :now", p, Long.class);
    return new Kpis.SlaBreaches(overdue);
  }

  private static BigDecimal money(BigDecimal amount, Currency currency) {
    return (amount == null ? BigDecimal.ZERO : amount).setScale(Money.digits(currency), RoundingMode.HALF_UP);
  }
}
