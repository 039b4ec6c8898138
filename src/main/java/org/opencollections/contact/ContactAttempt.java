package org.opencollections.contact;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One attempt to contact a debtor about a debt: the contact ledger. */
@Entity
@Table(name = "contact_attempt")
public class ContactAttempt {

  @Id private UUID id;

  @Column(name = "debt_id")
  private UUID debtId;

  private String channel;
  private String template;
  private String status;

  @Column(name = "idempotency_key")
  private String idempotencyKey;

  @Column(name = "attempted_at")
  private Instant attemptedAt;

  protected ContactAttempt() {}

  ContactAttempt(UUID debtId, Channel channel, String template, String status, String idempotencyKey, Instant now) {
    this.id = UUID.randomUUID();
    this.debtId = debtId;
    this.channel = channel.name();
    this.template = template;
    this.status = status;
    this.idempotencyKey = idempotencyKey;
    this.attemptedAt = now;
  }

  public UUID id() { return id; }
  public UUID debtId() { return debtId; }
  public Channel channel() { return Channel.valueOf(channel); }
  public String template() { return template; }
  public String status() { return status; }
  public Instant attemptedAt() { return attemptedAt; }
}
