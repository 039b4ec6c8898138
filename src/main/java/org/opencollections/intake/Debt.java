package org.opencollections.intake;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import org.hibernate.annotations.DynamicUpdate;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Currency;
import java.util.UUID;

/** One debt and its case: the stage it is in, how it ended, and the process instance that drives it. */
@Entity
@DynamicUpdate
@Table(name = "debt")
public class Debt implements org.opencollections.audit.Audited {

  @Id private UUID id;

  @Column(name = "external_ref")
  private String externalRef;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "debtor_id")
  private Debtor debtor;

  private BigDecimal principal;
  private String currency;

  @Column(name = "due_date")
  private LocalDate dueDate;

  private String product;

  @Enumerated(EnumType.STRING)
  private Stage stage;

  @Enumerated(EnumType.STRING)
  private CaseStatus status;

  private String segment;

  @Column(name = "process_instance_key")
  private Long processInstanceKey;

  @Column(name = "engine_epoch")
  private String engineEpoch;

  @Column(name = "created_at")
  private Instant createdAt;

  @Column(name = "closed_at")
  private Instant closedAt;

  @Column(name = "stage_since")
  private Instant stageSince; // null: since createdAt

  @Column(name = "validation_notice_sent_at")
  private Instant validationNoticeSentAt;

  @Column(name = "held_days")
  private int heldDays;

  @Column(name = "on_hold_since")
  private Instant onHoldSince;

  private String assignee;

  @Column(name = "segment_priority")
  private Integer segmentPriority;

  @Version private Long version;

  protected Debt() {}

  public Debt(
      String externalRef, Debtor debtor, BigDecimal principal, Currency currency, LocalDate dueDate,
      String product, Instant now) {
    this.id = UUID.randomUUID();
    this.externalRef = externalRef;
    this.debtor = debtor;
    this.principal = org.opencollections.platform.Money.atScale(principal, currency);
    this.currency = currency.getCurrencyCode();
    this.dueDate = dueDate;
    this.product = product;
    this.stage = Stage.INTAKE;
    this.status = CaseStatus.OPEN;
    this.createdAt = now;
  }

  /**
   * Days since the due date in the debtor's own calendar, less the days the case was on hold (the clock
   * stops while a hold is active); never negative.
   */
  public long daysPastDue(Clock clock) {
    LocalDate until = onHoldSince != null ? localDate(onHoldSince) : LocalDate.now(clock.withZone(debtor.timeZone()));
    return Math.max(0, ChronoUnit.DAYS.between(dueDate, until) - heldDays);
  }

  /** The days-past-due clock stops (a second hold while one is active changes nothing). */
  public void holdStarted(Instant at) {
    if (onHoldSince == null) {
      onHoldSince = at;
    }
  }

  /** The last active hold ended: its days are no longer past due. */
  public void holdsEnded(Instant at) {
    if (onHoldSince != null) {
      heldDays += (int) ChronoUnit.DAYS.between(localDate(onHoldSince), localDate(at));
      onHoldSince = null;
    }
  }

  private LocalDate localDate(Instant at) {
    return at.atZone(debtor.timeZone()).toLocalDate();
  }

  /** Older than the limitation period: collectable only without legal action or threats of it. */
  public boolean timeBarred(Clock clock, int limitationYears) {
    return dueDate.plusYears(limitationYears).isBefore(LocalDate.now(clock.withZone(debtor.timeZone())));
  }

  /** @return true if the stage changed */
  public boolean enterStage(Stage next, Instant at) {
    if (status.closed() || stage == next) {
      return false;
    }
    stage = next;
    stageSince = at;
    return true;
  }

  /** Since when the case has been in its stage. */
  public Instant stageSince() {
    return stageSince == null ? createdAt : stageSince;
  }

  /** @return true if this call closed the case, false if it was already closed */
  public boolean close(CaseStatus outcome, Instant now) {
    if (status.closed()) {
      return false;
    }
    status = outcome;
    stage = Stage.CLOSED;
    stageSince = now;
    closedAt = now;
    return true;
  }

  /** @return true if this is the first validation notice of the debt */
  public boolean validationNoticeSent(Instant at) {
    if (validationNoticeSentAt != null) {
      return false;
    }
    validationNoticeSentAt = at;
    return true;
  }

  /**
   * Opens a closed case again (a reversed payment left money owing): collection goes on from negotiation
   * with a new process instance.
   *
   * @return true if the case was closed
   */
  public boolean reopen() {
    if (!status.closed()) {
      return false;
    }
    status = CaseStatus.OPEN;
    closedAt = null;
    stage = Stage.NEGOTIATION;
    processInstanceKey = null;
    engineEpoch = null;
    return true;
  }

  public void assign(String operator) {
    this.assignee = operator;
  }

  public String assignee() {
    return assignee;
  }

  /** The case's process instance ended while the case stays open: the case starter gives it a new one. */
  public void detachProcess() {
    processInstanceKey = null;
    engineEpoch = null;
  }

  /** @param priority the segmentation table's priority for the segment (0–100), null if it gives none */
  public void segmented(String segment, Integer priority) {
    this.segment = segment;
    this.segmentPriority = priority;
  }

  public UUID id() { return id; }
  public String externalRef() { return externalRef; }
  public Debtor debtor() { return debtor; }
  public BigDecimal principal() { return principal; }
  public Currency currency() { return Currency.getInstance(currency); }
  public LocalDate dueDate() { return dueDate; }
  public String product() { return product; }
  public Stage stage() { return stage; }
  public CaseStatus status() { return status; }
  public String segment() { return segment; }
  public Long processInstanceKey() { return processInstanceKey; }
  public String engineEpoch() { return engineEpoch; }
  public Instant createdAt() { return createdAt; }
  public Instant closedAt() { return closedAt; }
  public Instant validationNoticeSentAt() { return validationNoticeSentAt; }

  @Override
  public UUID auditedDebtId() {
    return id;
  }
}
