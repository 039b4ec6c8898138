package org.opencollections.intake;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The work queue: debts filtered by stage, segment, status, balance and assignee, one page at a time, in
 * priority order. Priority ranks larger balances (up to 40 points, ten per power of ten) and riskier
 * segments (up to 30: the segmentation table's priority for the segment, 0–100, times 0.3) first, and rises
 * without limit with the days the case has been open (a point every 3 days), so a small debt that has waited
 * long enough overtakes any new one and is never starved. User tasks get the same number (capped at 100,
 * Zeebe's maximum), so Tasklist sorts them the same way.
 */
@Service
public class WorkQueue {

  public static final int MAX_PAGE_SIZE = 200;

  static final String BALANCE =
      "d.principal + coalesce((select sum(case p.kind"
          + " when 'PAYMENT' then -p.amount when 'SETTLEMENT_DISCOUNT' then -p.amount when 'WRITE_OFF' then -p.amount"
          + " when 'RECOVERY' then 0 else p.amount end) from posting p where p.debt_id = d.id), 0)";

  static final String PRIORITY =
      "least(40, 10 * log(greatest(balance, 0) + 1))"
          + " + 0.3 * coalesce(segment_priority, 50)"
          + " + extract(epoch from (:now - created_at)) / 86400 / 3";

  private final NamedParameterJdbcTemplate jdbc;
  private final Clock clock;

  public WorkQueue(NamedParameterJdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public record Filter(
      Stage stage, String segment, CaseStatus status, BigDecimal minBalance, BigDecimal maxBalance, String assignee,
      UUID debtorId, UUID importId) {}

  public record Item(
      UUID id, String externalRef, UUID debtorId, Stage stage, CaseStatus status, String segment, BigDecimal balance,
      String currency, String assignee, int priority) {}

  public record Page(List<Item> items, int page, int size, long total) {}

  /** The priority of one case, as its user tasks carry it (0–100). */
  @Transactional(readOnly = true)
  public int taskPriorityOf(UUID debtId) {
    Integer p =
        jdbc.queryForObject(
            "select round(" + PRIORITY + ") from (select d.segment_priority, d.created_at, " + BALANCE
                + " as balance from debt d where d.id = :id) q",
            new MapSqlParameterSource().addValue("now", Timestamp.from(clock.instant())).addValue("id", debtId),
            Integer.class);
    return p == null ? 50 : Math.max(0, Math.min(100, p));
  }

  @Transactional(readOnly = true)
  public Page find(Filter f, int page, int size) {
    MapSqlParameterSource params = new MapSqlParameterSource().addValue("now", Timestamp.from(clock.instant()));
    List<String> where = new ArrayList<>();
    if (f.stage() != null) {
      where.add("stage = :stage");
      params.addValue("stage", f.stage().name());
    }
    if (f.segment() != null) {
      where.add("segment = :segment");
      params.addValue("segment", f.segment());
    }
    if (f.status() != null) {
      where.add("status = :status");
      params.addValue("status", f.status().name());
    }
    if (f.minBalance() != null) {
      where.add("balance >= :minBalance");
      params.addValue("minBalance", f.minBalance());
    }
    if (f.maxBalance() != null) {
      where.add("balance <= :maxBalance");
      params.addValue("maxBalance", f.maxBalance());
    }
    if (f.assignee() != null) {
      where.add("assignee = :assignee");
      params.addValue("assignee", f.assignee());
    }
    if (f.debtorId() != null) {
      where.add("debtor_id = :debtorId");
      params.addValue("debtorId", f.debtorId());
    }
    if (f.importId() != null) {
      where.add("import_id = :importId");
      params.addValue("importId", f.importId());
    }
    String from =
        "(select d.id, d.external_ref, d.debtor_id, d.stage, d.status, d.segment, d.segment_priority, d.currency,"
            + " d.assignee, d.created_at, d.import_id, "
            + BALANCE + " as balance from debt d) q"
            + (where.isEmpty() ? "" : " where " + String.join(" and ", where));
    long total = jdbc.queryForObject("select count(*) from " + from, params, Long.class);
    params.addValue("limit", size).addValue("offset", (long) page * size);
    List<Item> items =
        jdbc.query(
            "select q.*, round(" + PRIORITY + ") as priority from " + from
                + " order by priority desc, created_at, id limit :limit offset :offset",
            params,
            (rs, i) ->
                new Item(
                    rs.getObject("id", UUID.class), rs.getString("external_ref"), rs.getObject("debtor_id", UUID.class),
                    Stage.valueOf(rs.getString("stage")), CaseStatus.valueOf(rs.getString("status")),
                    rs.getString("segment"), rs.getBigDecimal("balance"), rs.getString("currency"),
                    rs.getString("assignee"), rs.getInt("priority")));
    return new Page(items, page, size, total);
  }
}
