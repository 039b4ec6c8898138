package org.opencollections.portfolio;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.opencollections.casefile.CaseEventType;
import org.opencollections.intake.CaseStatus;
import org.opencollections.intake.DebtIntake;
import org.opencollections.intake.NewDebt;
import org.opencollections.intake.Stage;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores a chunk of checked rows in one transaction with COPY: new debtors, the debts, each debt's
 * CASE_OPENED and AUDIT timeline entries, the rejections, and the import's progress (so a restart goes on
 * after the last committed line). Duplicates are decided here, against the database and the file so far.
 */
@Component
class ImportStore {

  /** A row and every reason it cannot be imported (none: it can). */
  record Checked(Row row, List<String> reasons) {}

  record Counts(int imported, int rejected) {}

  private record Stored(UUID importId, int line) {}

  private static final int ATTEMPTS = 3;

  private final DataSource dataSource;
  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final Clock clock;

  ImportStore(DataSource dataSource, JdbcTemplate jdbc, TransactionTemplate tx, Clock clock) {
    this.dataSource = dataSource;
    this.jdbc = jdbc;
    this.tx = tx;
    this.clock = clock;
  }

  /**
   * @param linesDone the last line of the chunk's last row: where reading goes on after a restart
   */
  Counts store(UUID importId, String actor, List<Checked> chunk, int linesDone) {
    for (int attempt = 1; ; attempt++) {
      try {
        return tx.execute(s -> storeOnce(importId, actor, chunk, linesDone));
      } catch (DuplicateKeyException e) {
        // a debt or debtor with one of these references was registered meanwhile: check the chunk again
        if (attempt == ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  private Counts storeOnce(UUID importId, String actor, List<Checked> chunk, int linesDone) {
    Connection connection = DataSourceUtils.getConnection(dataSource);
    Map<String, Stored> storedDebts = storedDebts(chunk);
    Map<String, UUID> debtors = storedDebtors(chunk);

    Map<String, Integer> inThisChunk = new HashMap<>();
    Instant now = clock.instant();
    CopyRows newDebtors =
        new CopyRows("debtor (id, external_ref, name, email, phone, time_zone, jurisdiction, created_at)");
    CopyRows newDebts =
        new CopyRows(
            "debt (id, external_ref, debtor_id, principal, currency, due_date, product, stage, status, created_at,"
                + " version, import_id, import_line)");
    CopyRows opened = new CopyRows("case_event (debt_id, occurred_at, type, summary, details)");
    CopyRows audited = new CopyRows("case_event (debt_id, occurred_at, type, summary, details)");
    CopyRows rejections = new CopyRows("portfolio_import_rejection (import_id, line, external_ref, reasons)");
    for (Checked checked : chunk) {
      Row row = checked.row();
      List<String> reasons = checked.reasons();
      NewDebt request = row.debt();
      if (reasons.isEmpty()) {
        String ref = request.externalRef();
        Integer first = inThisChunk.get(ref);
        Stored stored = storedDebts.get(ref);
        if (first == null && stored != null && importId.equals(stored.importId())) {
          first = stored.line();
        }
        if (first != null) {
          reasons = List.of("externalRef '" + ref + "' appears again: the debt on line " + first + " of this file has it");
        } else if (stored != null) {
          reasons = List.of("externalRef '" + ref + "' already exists: a stored debt has this reference");
        }
      }
      if (!reasons.isEmpty()) {
        String ref = row.externalRef() == null ? null : RowValidator.abbreviate(row.externalRef());
        rejections.add(importId, row.line(), ref, Json.array(reasons));
        continue;
      }
      inThisChunk.put(request.externalRef(), row.line());
      NewDebt.NewDebtor d = request.debtor();
      String debtorRef = d.externalRef() == null || d.externalRef().isBlank() ? null : d.externalRef();
      UUID debtorId = debtorRef == null ? null : debtors.get(debtorRef);
      if (debtorId == null) {
        debtorId = UUID.randomUUID();
        newDebtors.add(debtorId, debtorRef, d.name(), d.email(), d.phone(), d.timeZone(), d.jurisdiction(), now);
        if (debtorRef != null) {
          debtors.put(debtorRef, debtorId);
        }
      }
      UUID debtId = UUID.randomUUID();
      BigDecimal principal = new BigDecimal(request.principal());
      Currency currency = Currency.getInstance(request.currency());
      newDebts.add(
          debtId, request.externalRef(), debtorId, principal.toPlainString(), currency.getCurrencyCode(),
          request.dueDate(), request.product(), Stage.INTAKE, CaseStatus.OPEN, now, 0, importId, row.line());
      Map<String, Object> details =
          new LinkedHashMap<>(DebtIntake.caseOpenedDetails(request.externalRef(), principal, currency));
      details.put("importId", importId.toString());
      details.put("line", row.line());
      opened.add(
          debtId, now, CaseEventType.CASE_OPENED,
          DebtIntake.caseOpenedSummary(principal, currency, request.product()), Json.object(details));
      audited.add(
          debtId, now, CaseEventType.AUDIT, "Debt created by " + actor,
          Json.object(audit(actor, debtId, debtorId, request, principal, currency, now, importId, row.line())));
    }
    try {
      newDebtors.copyInto(connection);
      newDebts.copyInto(connection);
      opened.copyInto(connection); // before the audit entries, as when a debt is registered one at a time
      audited.copyInto(connection);
      rejections.copyInto(connection);
    } catch (SQLException e) {
      throw jdbc.getExceptionTranslator().translate("storing imported rows", null, e);
    }
    int imported = newDebts.size();
    int rejected = rejections.size();
    jdbc.update(
        "update portfolio_import set rows_read = rows_read + ?, imported = imported + ?, rejected = rejected + ?,"
            + " lines_done = ? where id = ?",
        chunk.size(), imported, rejected, linesDone, importId);
    return new Counts(imported, rejected);
  }

  /** The audit entry of a debt's creation, as the audit trail writes it for one registered through the API. */
  private static Map<String, Object> audit(
      String actor, UUID debtId, UUID debtorId, NewDebt request, BigDecimal principal, Currency currency,
      Instant now, UUID importId, int line) {
    Map<String, Object> after = new LinkedHashMap<>();
    after.put("createdAt", now.toString());
    after.put("currency", currency.getCurrencyCode());
    after.put("debtor", debtorId.toString());
    after.put("dueDate", request.dueDate().toString());
    after.put("externalRef", request.externalRef());
    after.put("heldDays", 0);
    after.put("principal", principal.toPlainString());
    after.put("product", request.product());
    after.put("stage", Stage.INTAKE.name());
    after.put("status", CaseStatus.OPEN.name());
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("actor", actor == null ? "unknown" : actor);
    details.put("entity", "Debt");
    details.put("entityId", debtId.toString());
    details.put("action", "CREATED");
    details.put("before", Map.of());
    details.put("after", after);
    details.put("source", "portfolio import " + importId + ", line " + line);
    return details;
  }

  private Map<String, Stored> storedDebts(List<Checked> chunk) {
    Object[] refs = chunk.stream().filter(c -> c.reasons().isEmpty()).map(c -> c.row().debt().externalRef()).toArray();
    Map<String, Stored> stored = new HashMap<>();
    if (refs.length > 0) {
      jdbc.query(
          "select external_ref, import_id, import_line from debt where external_ref = any(?)",
          ps -> ps.setArray(1, ps.getConnection().createArrayOf("varchar", refs)),
          rs -> {
            stored.put(rs.getString(1), new Stored(rs.getObject(2, UUID.class), rs.getInt(3)));
          });
    }
    return stored;
  }

  private Map<String, UUID> storedDebtors(List<Checked> chunk) {
    Object[] refs =
        chunk.stream()
            .filter(c -> c.reasons().isEmpty())
            .map(c -> c.row().debt().debtor().externalRef())
            .filter(r -> r != null && !r.isBlank())
            .distinct()
            .toArray();
    Map<String, UUID> debtors = new HashMap<>();
    if (refs.length > 0) {
      jdbc.query(
          "select external_ref, id from debtor where external_ref = any(?)",
          ps -> ps.setArray(1, ps.getConnection().createArrayOf("varchar", refs)),
          rs -> {
            debtors.put(rs.getString(1), rs.getObject(2, UUID.class));
          });
    }
    return debtors;
  }
}
