package org.opencollections.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.IncidentIntent;
import io.camunda.zeebe.protocol.record.intent.JobIntent;
import io.camunda.zeebe.protocol.record.value.IncidentRecordValue;
import io.camunda.zeebe.protocol.record.value.JobRecordValue;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.opencollections.engine.embedded.EmbeddedEngine;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What must hold after every fault, read from the database (JDBC) and the engine's own records, never from the
 * application's answers alone: rows in = imported + rejected with a reason; one case per debt; acknowledged
 * payments = postings by count and sum, no duplicates; balance = opening − postings + reversals; ledger and
 * audit never updated or deleted; no job stuck; no event undelivered after recovery.
 */
public final class Invariants {

  /** How long the system may take to settle after the fault is over. */
  public static final Duration SETTLE = Duration.ofSeconds(90);

  private final JdbcTemplate jdbc;
  private final EmbeddedEngine engine;
  /** Engine records after this position are read (those of the test's own debts come after it). */
  private final long since;

  private Invariants(JdbcTemplate jdbc, EmbeddedEngine engine, long since) {
    this.jdbc = jdbc;
    this.engine = engine;
    this.since = since;
  }

  /** Reads the engine's records from its first one (an application of a test's own). */
  public static Invariants of(ApplicationContext app) {
    return new Invariants(app.getBean(JdbcTemplate.class), app.getBean(EmbeddedEngine.class), -1);
  }

  /** Reads the engine's records written from now on (the shared application, whose log is long). */
  public static Invariants fromNow(ApplicationContext app) {
    EmbeddedEngine engine = app.getBean(EmbeddedEngine.class);
    return new Invariants(app.getBean(JdbcTemplate.class), engine, engine.lastPosition());
  }

  public JdbcTemplate jdbc() {
    return jdbc;
  }

  // ---- imports

  /** Rows in = imported + rejected, every rejection with a reason, and one stored debt per imported row. */
  public void importAccountedFor(String importId, int rowsInFile) {
    Map<String, Object> row =
        jdbc.queryForMap("select rows_read, imported, rejected from portfolio_import where id = ?::uuid", importId);
    int read = ((Number) row.get("rows_read")).intValue();
    int imported = ((Number) row.get("imported")).intValue();
    int rejected = ((Number) row.get("rejected")).intValue();
    assertThat(read).as("rows read of import " + importId).isEqualTo(rowsInFile);
    assertThat(imported + rejected).as("imported + rejected").isEqualTo(read);
    assertThat(count("select count(*) from debt where import_id = ?::uuid", importId)).as("debts stored").isEqualTo(imported);
    assertThat(count("select count(*) from portfolio_import_rejection where import_id = ?::uuid", importId))
        .as("rejections stored").isEqualTo(rejected);
    assertThat(count(
            "select count(*) from portfolio_import_rejection where import_id = ?::uuid"
                + " and (jsonb_typeof(reasons) <> 'array' or jsonb_array_length(reasons) = 0)", importId))
        .as("rejections without a reason").isZero();
  }

  // ---- cases

  /** Exactly one process instance per debt, in the engine's records (projected into engine_process_instance). */
  public void oneCasePerDebt(Collection<String> debtIds) {
    await().atMost(SETTLE).untilAsserted(() -> {
      List<String> notOnce = new ArrayList<>();
      Map<String, Long> perDebt = new HashMap<>();
      jdbc.query(
          "select debt_id::text, count(*) from engine_process_instance where debt_id = any(?::uuid[]) group by debt_id",
          rs -> {
            perDebt.put(rs.getString(1), rs.getLong(2));
          },
          (Object) debtIds.toArray(String[]::new));
      for (String debt : debtIds) {
        Long n = perDebt.getOrDefault(debt, 0L);
        Integer closedBeforeStart = jdbc.queryForObject(
            "select count(*) from debt where id = ?::uuid and process_instance_key is null and closed_at is not null",
            Integer.class, debt);
        // a case that was closed before its process started needs none (paid at once, F5)
        if (n != 1 && !(n == 0 && closedBeforeStart != null && closedBeforeStart == 1)) {
          notOnce.add(debt + ": " + n);
        }
      }
      assertThat(notOnce).as("debts without exactly one process instance").isEmpty();
    });
  }

  // ---- ledger

  /**
   * The ledger's payments (and recoveries) of the debt are exactly the acknowledged ones: the same references,
   * each once, the same amounts, so the same count and sum.
   */
  public void paymentsAreTheAcknowledgedOnes(String debtId, Map<String, BigDecimal> acknowledged) {
    Map<String, BigDecimal> posted = new LinkedHashMap<>();
    List<String> duplicates = new ArrayList<>();
    jdbc.query(
        "select reference, amount from posting where debt_id = ?::uuid and kind in ('PAYMENT', 'RECOVERY') order by booked_at",
        rs -> {
          if (posted.put(rs.getString(1), rs.getBigDecimal(2)) != null) {
            duplicates.add(rs.getString(1));
          }
        },
        debtId);
    assertThat(duplicates).as("references posted twice on " + debtId).isEmpty();
    assertThat(posted.keySet()).as("posted references").containsExactlyInAnyOrderElementsOf(acknowledged.keySet());
    for (var e : acknowledged.entrySet()) {
      assertThat(posted.get(e.getKey())).as("amount of " + e.getKey()).isEqualByComparingTo(e.getValue());
    }
    assertThat(sum(posted.values())).as("sum of postings").isEqualByComparingTo(sum(acknowledged.values()));
  }

  /** balance = opening − payments − discounts − write-off + reversals + fees + interest, from the rows themselves. */
  public BigDecimal balanceIsDerived(String debtId, BigDecimal answered) {
    BigDecimal derived =
        jdbc.queryForObject(
            "select d.principal + coalesce(sum(case"
                + " when p.kind in ('PAYMENT', 'SETTLEMENT_DISCOUNT', 'WRITE_OFF') then -p.amount"
                + " when p.kind in ('REVERSAL', 'FEE', 'INTEREST') then p.amount else 0 end), 0)"
                + " from debt d left join posting p on p.debt_id = d.id where d.id = ?::uuid group by d.principal",
            BigDecimal.class, debtId);
    assertThat(answered).as("balance answered for " + debtId).isEqualByComparingTo(derived);
    return derived;
  }

  /**
   * Nothing ever updated or deleted a posting or a timeline (audit) row: the append-only triggers are in place
   * and enabled, and PostgreSQL's own statistics count no row of those tables updated or deleted.
   */
  public void ledgerAndAuditAppendOnly() {
    for (String table : List.of("posting", "case_event")) {
      assertThat(count(
              "select count(*) from pg_trigger t join pg_class c on c.oid = t.tgrelid"
                  + " where c.relname = ? and t.tgenabled = 'O' and not t.tgisinternal", table))
          .as("append-only trigger on " + table).isEqualTo(1);
      Map<String, Object> stats =
          jdbc.queryForMap("select n_tup_upd, n_tup_del from pg_stat_user_tables where relname = ?", table);
      assertThat(((Number) stats.get("n_tup_upd")).longValue()).as("rows of " + table + " updated").isZero();
      assertThat(((Number) stats.get("n_tup_del")).longValue()).as("rows of " + table + " deleted").isZero();
    }
  }

  // ---- engine

  /** The process instance keys the engine created for these debts. */
  public Set<Long> instancesOf(Collection<String> debtIds) {
    Set<Long> keys = new HashSet<>();
    jdbc.query(
        "select process_instance_key from engine_process_instance where debt_id = any(?::uuid[])",
        rs -> {
          keys.add(rs.getLong(1));
        },
        (Object) debtIds.toArray(String[]::new));
    return keys;
  }

  /** The jobs and incidents of these instances as the engine's records tell them. */
  public record EngineState(Map<Long, String> openJobs, Map<Long, String> openIncidents, Map<Long, Integer> completions) {}

  public EngineState engineState(Set<Long> instances) {
    Map<Long, String> openJobs = new LinkedHashMap<>();
    Map<Long, String> openIncidents = new LinkedHashMap<>();
    Map<Long, Integer> completions = new HashMap<>();
    engine.readRecords(since, Set.of(ValueType.JOB, ValueType.INCIDENT), (Record<?> r) -> {
      if (r.getValueType() == ValueType.JOB && r.getValue() instanceof JobRecordValue job
          && instances.contains(job.getProcessInstanceKey())) {
        var intent = (JobIntent) r.getIntent();
        switch (intent) {
          case CREATED -> openJobs.put(r.getKey(), job.getType() + " at " + job.getElementId());
          case COMPLETED, CANCELED, ERROR_THROWN -> {
            openJobs.remove(r.getKey());
            if (intent == JobIntent.COMPLETED) {
              completions.merge(r.getKey(), 1, Integer::sum);
            }
          }
          case FAILED -> {
            if (job.getRetries() == 0) {
              openJobs.put(r.getKey(), job.getType() + " at " + job.getElementId() + " failed: " + job.getErrorMessage());
            }
          }
          default -> {}
        }
      } else if (r.getValueType() == ValueType.INCIDENT && r.getValue() instanceof IncidentRecordValue incident
          && instances.contains(incident.getProcessInstanceKey())) {
        if (r.getIntent() == IncidentIntent.CREATED) {
          openIncidents.put(r.getKey(), incident.getElementId() + ": " + incident.getErrorMessage());
        } else if (r.getIntent() == IncidentIntent.RESOLVED) {
          openIncidents.remove(r.getKey());
        }
      }
    });
    return new EngineState(openJobs, openIncidents, completions);
  }

  /** What the engine recorded of one job, in order (CREATED, TIMED_OUT, COMPLETED, and the rejected commands). */
  public List<String> jobHistory(long jobKey) {
    List<String> history = new ArrayList<>();
    engine.readRecords(since, Set.of(ValueType.JOB), (Record<?> r) -> {
      if (r.getKey() == jobKey) {
        history.add(r.getRecordType() + " " + r.getIntent()
            + (r.getRejectionType() != null && r.getRejectionType() != io.camunda.zeebe.protocol.record.RejectionType.NULL_VAL
                ? " (" + r.getRejectionType() + ")" : ""));
      }
    });
    return history;
  }

  /**
   * No job stuck: in the end no job of these debts' instances is left open (every case has come to rest at a
   * timer, a message or a user task, or has ended), none failed for good, no incident is open, and no job was
   * completed twice.
   */
  public void noJobStuck(Collection<String> debtIds) {
    Set<Long> instances = instancesOf(debtIds);
    try {
      await().atMost(SETTLE).pollInterval(Duration.ofMillis(500)).until(() -> {
        EngineState s = engineState(instances);
        return s.openJobs().isEmpty() && s.openIncidents().isEmpty();
      });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      EngineState s = engineState(instances);
      throw new AssertionError("Jobs left open: " + s.openJobs() + "; incidents: " + s.openIncidents(), e);
    }
    EngineState s = engineState(instances);
    assertThat(s.completions().values()).as("a job completed twice").allMatch(n -> n == 1);
  }

  // ---- outbox

  /** Every event these debts' changes published has reached the engine (the outbox holds none of them). */
  public void noEventUndelivered(Collection<String> debtIds) {
    await().atMost(SETTLE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
      List<String> left = new ArrayList<>();
      for (String debt : debtIds) {
        left.addAll(jdbc.queryForList(
            "select event_type from event_publication where completion_date is null and serialized_event like ?",
            String.class, "%" + debt + "%"));
      }
      assertThat(left).as("events still in the outbox").isEmpty();
    });
  }

  /** The invariants every fault test checks for its debts once the fault is over. */
  public void afterFault(Collection<String> debtIds) {
    noEventUndelivered(debtIds);
    oneCasePerDebt(debtIds);
    noJobStuck(debtIds);
    ledgerAndAuditAppendOnly();
  }

  public long count(String sql, Object... args) {
    Long n = jdbc.queryForObject(sql, Long.class, args);
    return n == null ? 0 : n;
  }

  static BigDecimal sum(Collection<BigDecimal> amounts) {
    return amounts.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  static UUID uuid(String id) {
    return UUID.fromString(id);
  }
}
