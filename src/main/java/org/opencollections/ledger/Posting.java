package org.opencollections.ledger;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/** One ledger entry. Append-only: the database refuses UPDATE and DELETE. */
@Entity
@Immutable
@Table(name = "posting")
public class Posting {

  @Id private UUID id;

  @Column(name = "debt_id")
  private UUID debtId;

  @Enumerated(EnumType.STRING)
  private PostingKind kind;

  private BigDecimal amount;
  private String currency;
  private String reference;

  @Column(name = "booked_at")
  private Instant bookedAt;

  /** Who booked it: a user, or "process" for the engine's workers. */
  @Column(length = 100)
  private String actor;

  /** The debt's assignee when it was booked (null: nobody's queue, or booked before this was kept). */
  @Column(length = 100)
  private String assignee;

  protected Posting() {}

  public Posting(
      UUID debtId, PostingKind kind, BigDecimal amount, Currency currency, String reference, Instant now, String assignee) {
    this.assignee = assignee;
    this.id = UUID.randomUUID();
    this.debtId = debtId;
    this.kind = kind;
    this.amount = org.opencollections.platform.Money.atScale(amount, currency);
    this.currency = currency.getCurrencyCode();
    this.reference = reference;
    this.bookedAt = now;
    this.actor = org.opencollections.platform.Actor.current();
  }

  public UUID id() { return id; }
  public UUID debtId() { return debtId; }
  public PostingKind kind() { return kind; }
  public BigDecimal amount() { return amount; }
  public Currency currency() { return Currency.getInstance(currency); }
  public String reference() { return reference; }
  public Instant bookedAt() { return bookedAt; }
  public String actor() { return actor; }
  public String assignee() { return assignee; }

  public BigDecimal signedAmount() {
    return switch (kind.sign()) {
      case -1 -> amount.negate();
      case 0 -> java.math.BigDecimal.ZERO;
      default -> amount;
    };
  }
}
