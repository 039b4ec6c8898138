package org.opencollections.workbench;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.opencollections.compliance.ContactAttempt;
import org.opencollections.compliance.ContactAttemptRepository;
import org.opencollections.compliance.Hold;
import org.opencollections.compliance.HoldRepository;
import org.opencollections.contact.ContactMessages;
import org.opencollections.intake.DebtQueries;
import org.opencollections.intake.DebtView;
import org.opencollections.intake.Debtor;
import org.opencollections.intake.DebtorRepository;
import org.opencollections.ledger.Posting;
import org.opencollections.ledger.PostingRepository;
import org.opencollections.platform.NotFoundException;
import org.opencollections.tasks.UserTasks;
import org.opencollections.timeline.CaseEventType;
import org.opencollections.timeline.Timeline;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Everything the case file shows, read from the features' own services and repositories (commitments with a
 * read-only query of their tables). Nothing here is logged: the case file is full of the debtor's data.
 */
@Service
class CaseFiles {

  private final DebtQueries debts;
  private final DebtorRepository debtors;
  private final PostingRepository postings;
  private final HoldRepository holds;
  private final ContactAttemptRepository attempts;
  private final ContactMessages messages;
  private final Timeline timeline;
  private final UserTasks tasks;
  private final NamedParameterJdbcTemplate jdbc;

  CaseFiles(
      DebtQueries debts, DebtorRepository debtors, PostingRepository postings, HoldRepository holds,
      ContactAttemptRepository attempts, ContactMessages messages, Timeline timeline, UserTasks tasks,
      NamedParameterJdbcTemplate jdbc) {
    this.debts = debts;
    this.debtors = debtors;
    this.postings = postings;
    this.holds = holds;
    this.attempts = attempts;
    this.messages = messages;
    this.timeline = timeline;
    this.tasks = tasks;
    this.jdbc = jdbc;
  }

  record CaseFile(
      DebtView debt, Debtor debtor, ZoneId zone, List<Posting> postings, List<CommitmentRow> commitments,
      List<Hold> holds, List<Entry> timeline, List<ContactAttempt> contacts, List<ContactMessages.Message> messages,
      List<UserTasks.Task> tasks) {

    public boolean onHold() {
      return holds.stream().anyMatch(h -> h.releasedAt() == null);
    }
  }

  record InstalmentRow(int number, BigDecimal amount, LocalDate dueDate, String status) {}

  record CommitmentRow(
      UUID id, String kind, String status, BigDecimal total, String currency, Instant createdAt, Instant resolvedAt,
      List<InstalmentRow> instalments, String actor) {}

  /**
   * One timeline entry as a person reads it: what happened, and why (the decision table and rule behind a
   * decision; the governor's rule, its meaning and the first lawful moment behind a deferred or blocked contact).
   */
  record Entry(Instant at, CaseEventType type, String summary, List<String> why, Map<String, Object> details) {

    public boolean decision() {
      return type == CaseEventType.DECISION;
    }

    public boolean refusedContact() {
      return type == CaseEventType.CONTACT_BLOCKED || type == CaseEventType.CONTACT_DEFERRED;
    }
  }

  @Transactional(readOnly = true)
  CaseFile of(UUID id, Collection<String> authorities) {
    DebtView debt = debts.view(id);
    Debtor debtor = debtors.findById(debt.debtorId()).orElseThrow(() -> new NotFoundException("No debtor of " + id));
    ZoneId zone = ZoneId.of(debt.timeZone());
    List<ContactAttempt> contacts = attempts.findByDebtIdOrderByAttemptedAt(id);
    Map<String, ContactAttempt> byId =
        contacts.stream().collect(Collectors.toMap(a -> a.id().toString(), Function.identity(), (a, b) -> a));
    List<Entry> entries = new ArrayList<>();
    for (Timeline.CaseEvent e : timeline.of(id)) {
      entries.add(new Entry(e.occurredAt(), e.type(), e.summary(), why(e, byId, zone), e.details()));
    }
    return new CaseFile(
        debt, debtor, zone, postings.findByDebtIdOrderByBookedAt(id), commitments(id), holds.findByDebtIdOrderByStartedAt(id),
        entries.reversed(), contacts.reversed(), messages.ofDebt(id).reversed(), tasks.openOf(id, authorities));
  }

  private static final Formats FORMATS = new Formats();

  private static List<String> why(Timeline.CaseEvent e, Map<String, ContactAttempt> attempts, ZoneId zone) {
    Map<String, Object> d = e.details() == null ? Map.of() : e.details();
    List<String> why = new ArrayList<>();
    switch (e.type()) {
      case DECISION -> {
        String rules =
            d.get("matchedRules") instanceof List<?> matched
                ? matched.stream()
                    .map(r -> r instanceof Map<?, ?> m ? String.valueOf(m.get("ruleId")) : String.valueOf(r))
                    .collect(Collectors.joining(", "))
                : "";
        why.add("Decision table " + d.getOrDefault("decisionName", d.get("decisionId")) + ", version "
            + d.get("decisionVersion") + ", matched rule " + rules);
        if (d.get("inputs") instanceof Map<?, ?> inputs && !inputs.isEmpty()) {
          why.add("Inputs: " + pairs(inputs));
        }
        if (d.get("outputs") instanceof Map<?, ?> outputs && !outputs.isEmpty()) {
          why.add("Outputs: " + pairs(outputs));
        }
      }
      case CONTACT_DEFERRED, CONTACT_BLOCKED, CONTACT -> {
        ContactAttempt a = attempts.get(String.valueOf(d.get("attemptId")));
        if (a != null && a.status() != ContactAttempt.Status.MADE) {
          if (a.status() == ContactAttempt.Status.DEFERRED) {
            why.add("Deferred until " + FORMATS.time(a.notBefore(), zone));
          }
          why.add("Rule " + a.rule().name() + ": " + a.rule().meaning());
          if (a.explanation() != null && !a.explanation().isBlank()) {
            why.add(a.explanation());
          }
          if (a.ruleSet() != null) {
            why.add("Rule set " + a.ruleSet() + (a.ruleVersion() == null ? "" : ", version " + a.ruleVersion()));
          }
        }
      }
      default -> {}
    }
    return why;
  }

  private static String pairs(Map<?, ?> map) {
    return map.entrySet().stream().map(x -> x.getKey() + " = " + x.getValue()).collect(Collectors.joining(", "));
  }

  private List<CommitmentRow> commitments(UUID debtId) {
    var params = Map.of("debtId", debtId);
    Map<UUID, List<InstalmentRow>> instalments = new LinkedHashMap<>();
    jdbc.query(
        "select i.commitment_id, i.number, i.amount, i.due_date, i.status from instalment i"
            + " join commitment c on c.id = i.commitment_id where c.debt_id = :debtId order by i.number",
        params,
        rs -> {
          instalments.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
              .add(new InstalmentRow(rs.getInt(2), rs.getBigDecimal(3), rs.getObject(4, LocalDate.class), rs.getString(5)));
        });
    return jdbc.query(
        "select id, kind, status, total_amount, currency, created_at, resolved_at, actor from commitment"
            + " where debt_id = :debtId order by created_at desc",
        params,
        (rs, i) -> {
          UUID id = rs.getObject(1, UUID.class);
          return new CommitmentRow(
              id, rs.getString(2), rs.getString(3), rs.getBigDecimal(4), rs.getString(5),
              rs.getTimestamp(6).toInstant(), rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant(),
              instalments.getOrDefault(id, List.of()), rs.getString(8));
        });
  }
}
