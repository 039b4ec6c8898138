package org.opencollections.portfolio;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Currency;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.opencollections.timeline.CaseEventType;
import jakarta.persistence.EntityManager;
import java.time.ZoneId;
import org.opencollections.audit.AuditEntries;
import org.opencollections.intake.ContactPoint;
import org.opencollections.intake.ContactPoints;
import org.opencollections.intake.Debt;
import org.opencollections.intake.Debtor;
import org.opencollections.intake.DebtIntake;
import org.opencollections.intake.NewDebt;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores a chunk of checked rows in one transaction with COPY: new debtors, the debts, each debt's
 * CASE_OPENED and AUDIT timeline entries, the rejections, and the import's progress (so a restart goes on
 * after the last committed line). Duplicates are decided against the database and the file so far.
 *
 * <p>Storing has two halves so that a chunk can be prepared while the one before it is being copied:
 * {@link #prepare} looks the chunk's references up and writes its COPY text, {@link #store(Prepared)}
 * copies it in one transaction. A chunk prepared while the one before it was not yet committed takes that
 * chunk's new references from it, so a duplicate across the two is still caught.
 */
@Component
class ImportStore {

  /** A row and every reason it cannot be imported (none: it can). */
  record Checked(Row row, List<String> reasons) {}

  record Counts(int imported, int rejected) {}

  private record Stored(UUID importId, int line) {}

  /** A chunk ready to be copied, and what it adds that later chunks must see before it is committed. */
  static final class Prepared {
    private final UUID importId;
    private final String actor;
    private final List<Checked> chunk;
    private final int linesDone;
    /** Dropped once it is stored, so that a chain of chunks does not keep the whole file. */
    private Prepared previous;
    /** Its debts' references with their lines, and the debtors it creates, by reference. */
    private final Map<String, Integer> debtRefs = new HashMap<>();
    private final Map<String, UUID> debtorRefs = new HashMap<>();
    private final List<CopyRows> copies = new ArrayList<>();
    private int imported;
    private int rejected;
    /** Set when storing had to prepare it again: a chunk prepared on top of it must be prepared again too. */
    private volatile boolean preparedAgain;

    private Prepared(UUID importId, String actor, List<Checked> chunk, int linesDone, Prepared previous) {
      this.importId = importId;
      this.actor = actor;
      this.chunk = chunk;
      this.linesDone = linesDone;
      this.previous = previous;
    }
  }

  private static final int ATTEMPTS = 3;

  private final DataSource dataSource;
  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final EntityManager entities;
  private final AuditEntries audit;

  ImportStore(
      DataSource dataSource, JdbcTemplate jdbc, TransactionTemplate tx, Clock clock, EntityManager entities,
      AuditEntries audit) {
    this.dataSource = dataSource;
    this.entities = entities;
    this.audit = audit;
    this.jdbc = jdbc;
    this.tx = tx;
    this.clock = clock;
  }

  /**
   * Looks up the chunk's references and writes its COPY text; nothing is written to the database.
   *
   * @param linesDone the last line of the chunk's last row: where reading goes on after a restart
   * @param previous the chunk before it if that one may not be committed yet (every earlier one must be)
   */
  Prepared prepare(UUID importId, String actor, List<Checked> chunk, int linesDone, Prepared previous) {
    Prepared prepared = new Prepared(importId, actor, chunk, linesDone, previous);
    Map<String, Stored> storedDebts = storedDebts(chunk);
    Map<String, UUID> debtors = storedDebtors(chunk);
    if (previous != null) {
      previous.debtRefs.forEach((ref, line) -> storedDebts.putIfAbsent(ref, new Stored(importId, line)));
      previous.debtorRefs.forEach(debtors::putIfAbsent);
    }

    Map<String, Integer> inThisChunk = prepared.debtRefs;
    Instant now = clock.instant();
    CopyRows newDebtors =
        new CopyRows("debtor (id, external_ref, name, email, phone, time_zone, jurisdiction, created_at)");
    CopyRows newDebts =
        new CopyRows(
            "debt (id, external_ref, debtor_id, principal, currency, due_date, product, stage, status, created_at,"
                + " version, import_id, import_line)");
    CopyRows newPoints = new CopyRows(
        "contact_point (id, debtor_id, kind, value, type, call_consent, call_consent_at, call_consent_source, text_consent,"
            + " text_consent_at, text_consent_source, email_consent, email_consent_at, email_consent_source,"
            + " do_not_call_at_work, validity, validity_at, priority, created_at)");
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
      UUID known = debtorRef == null ? null : debtors.get(debtorRef);
      // the domain's own constructors give the new rows their defaults (stage, status, money at its scale)
      Debtor debtor;
      List<ContactPoint> createdPoints = List.of();
      UUID debtorId = known;
      if (known == null) {
        debtor = new Debtor(debtorRef, d.name(), d.email(), d.phone(), ZoneId.of(d.timeZone()), d.jurisdiction(), now);
        newDebtors.add(debtor.id(), debtor.externalRef(), debtor.name(), debtor.email(), debtor.phone(),
            debtor.timeZone().getId(), debtor.jurisdiction(), debtor.createdAt());
        debtorId = debtor.id();
        createdPoints = ContactPoints.initial(debtorId, d, now);
        for (ContactPoint p : createdPoints) {
          List<Object> values = new java.util.ArrayList<>(List.of(p.id(), debtorId, p.kind(), p.value(), p.type()));
          for (ContactPoint.Use use : ContactPoint.Use.values()) {
            values.add(p.consent(use));
            values.add(p.consentAt(use));
            values.add(p.consentSource(use));
          }
          values.addAll(java.util.Arrays.asList(p.doNotCallAtWork(), p.validity(), p.validityAt(), p.priority(), p.createdAt()));
          newPoints.add(values.toArray());
        }
        if (debtorRef != null) {
          debtors.put(debtorRef, debtorId);
          prepared.debtorRefs.put(debtorRef, debtorId);
        }
      } else {
        debtor = entities.getReference(Debtor.class, known); // its id is all the new debt needs: never loaded
      }
      Currency currency = Currency.getInstance(request.currency());
      Debt debt = new Debt(request.externalRef(), debtor, new BigDecimal(request.principal()), currency,
          request.dueDate(), request.product(), now);
      newDebts.add(
          debt.id(), debt.externalRef(), debtorId, debt.principal().toPlainString(), currency.getCurrencyCode(),
          debt.dueDate(), debt.product(), debt.stage(), debt.status(), debt.createdAt(), 0, importId, row.line());
      Map<String, Object> details =
          new LinkedHashMap<>(DebtIntake.caseOpenedDetails(debt.externalRef(), debt.principal(), currency));
      details.put("importId", importId.toString());
      details.put("line", row.line());
      opened.add(
          debt.id(), now, CaseEventType.CASE_OPENED,
          DebtIntake.caseOpenedSummary(debt.principal(), currency, debt.product()), Json.object(details));
      // the audit's own entry for this debt, as its listener writes it when the API inserts one
      AuditEntries.Entry created = audit.creation(debt, actor == null ? "unknown" : actor);
      Map<String, Object> entry = new LinkedHashMap<>(created.details());
      entry.put("source", "portfolio import " + importId + ", line " + row.line());
      audited.add(debt.id(), now, CaseEventType.AUDIT, created.summary(), Json.object(entry));
      for (ContactPoint p : createdPoints) { // the new debtor's points, as the listener records them for the API
        AuditEntries.Entry point = audit.creation(p, actor == null ? "unknown" : actor);
        Map<String, Object> pointEntry = new LinkedHashMap<>(point.details());
        pointEntry.put("source", "portfolio import " + importId + ", line " + row.line());
        audited.add(debt.id(), now, CaseEventType.AUDIT, point.summary(), Json.object(pointEntry));
      }
    }
    // in this order: debtors before their debts, CASE_OPENED before AUDIT as when a debt is registered alone
    for (CopyRows rows : List.of(newDebtors, newPoints, newDebts, opened, audited, rejections)) {
      prepared.copies.add(rows.encode());
    }
    prepared.imported = newDebts.size();
    prepared.rejected = rejections.size();
    return prepared;
  }

  /**
   * Copies a prepared chunk in one transaction and records the import's progress. If it was prepared on
   * top of a chunk that had to be prepared again, or a debt or debtor with one of its references was
   * registered meanwhile, it is prepared again from what is committed (every earlier chunk is, by now).
   */
  Counts store(Prepared prepared) {
    Prepared current = prepared.previous != null && prepared.previous.preparedAgain ? again(prepared) : prepared;
    prepared.previous = null;
    for (int attempt = 1; ; attempt++) {
      Prepared chunk = current;
      try {
        tx.executeWithoutResult(s -> copy(chunk));
        return new Counts(chunk.imported, chunk.rejected);
      } catch (DuplicateKeyException e) {
        if (attempt == ATTEMPTS) {
          throw e;
        }
        current = again(prepared);
      }
    }
  }

  private Prepared again(Prepared prepared) {
    prepared.preparedAgain = true;
    return prepare(prepared.importId, prepared.actor, prepared.chunk, prepared.linesDone, null);
  }

  private void copy(Prepared prepared) {
    Connection connection = DataSourceUtils.getConnection(dataSource);
    try {
      for (CopyRows rows : prepared.copies) {
        rows.copyInto(connection);
      }
    } catch (SQLException e) {
      throw jdbc.getExceptionTranslator().translate("storing imported rows", null, e);
    }
    jdbc.update(
        "update portfolio_import set rows_read = rows_read + ?, imported = imported + ?, rejected = rejected + ?,"
            + " lines_done = ? where id = ?",
        prepared.chunk.size(), prepared.imported, prepared.rejected, prepared.linesDone, prepared.importId);
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
