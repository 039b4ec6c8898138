package org.opencollections.compliance;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A pause in collecting one debt: while it is active, no contact is made. */
@Entity
@Table(name = "hold")
public class Hold implements org.opencollections.audit.Audited {

  @Id private UUID id;

  @Column(name = "debt_id")
  private UUID debtId;

  @Enumerated(EnumType.STRING)
  private HoldKind kind;

  private String reason;

  @Column(name = "started_at")
  private Instant startedAt;

  @Column(name = "ends_at")
  private Instant endsAt;

  @Column(name = "released_at")
  private Instant releasedAt;

  @Column(name = "requires_verification")
  private boolean requiresVerification;

  @Column(name = "verified_at")
  private Instant verifiedAt;

  @Enumerated(EnumType.STRING)
  private Medium medium;

  @Column(name = "received_at")
  private Instant receivedAt;

  @Column(name = "pauses_collection")
  private boolean pausesCollection = true;

  /** The client's key, when it gave one. */
  @Column(name = "request_id")
  private String requestId;

  /** Who started it: the signed-in user, or "process". */
  @Column(length = 100)
  private String actor;

  protected Hold() {}

  Hold(UUID debtId, HoldKind kind, String reason, boolean requiresVerification, Instant now, String requestId,
      Medium medium, Instant receivedAt, boolean pausesCollection) {
    this.medium = medium;
    this.receivedAt = receivedAt;
    this.pausesCollection = pausesCollection;
    this.requestId = requestId;
    this.requiresVerification = requiresVerification;
    this.id = UUID.randomUUID();
    this.debtId = debtId;
    this.kind = kind;
    this.reason = reason;
    this.startedAt = now;
    this.actor = org.opencollections.platform.Actor.current();
    this.endsAt = kind.fixedLength() == null ? null : now.plus(kind.fixedLength());
  }

  public boolean activeAt(Instant at) {
    return releasedAt == null && !at.isBefore(startedAt) && (endsAt == null || at.isBefore(endsAt));
  }

  /** Verification of the debt was sent to the debtor: a dispute made in time may now be released. */
  void verified(Instant now) {
    if (verifiedAt == null) {
      verifiedAt = now;
    }
  }

  boolean releasable() {
    return !requiresVerification || verifiedAt != null;
  }

  /** @return false if it was released before */
  boolean release(Instant now) {
    if (releasedAt != null) {
      return false;
    }
    releasedAt = now;
    return true;
  }

  public UUID id() { return id; }
  public UUID debtId() { return debtId; }
  public HoldKind kind() { return kind; }
  public String reason() { return reason; }
  public Instant startedAt() { return startedAt; }
  public String actor() { return actor; }
  public Instant endsAt() { return endsAt; }
  public Instant releasedAt() { return releasedAt; }
  public boolean requiresVerification() { return requiresVerification; }
  public Instant verifiedAt() { return verifiedAt; }
  public Medium medium() { return medium; }
  public Instant receivedAt() { return receivedAt; }
  public boolean pausesCollection() { return pausesCollection; }

  @Override
  public UUID auditedDebtId() {
    return debtId;
  }
}
