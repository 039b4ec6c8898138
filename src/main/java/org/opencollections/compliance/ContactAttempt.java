package org.opencollections.compliance;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * The contact ledger: one attempt to contact a debtor about a debt, made or not, with the governor's
 * decision, the rule that decided it, the rule set's version and the inputs it saw. Kept, never edited.
 */
@Entity
@Table(name = "contact_attempt")
public class ContactAttempt {

  /** MADE: the contact went out (or the call happened). DEFERRED and BLOCKED: it did not. */
  public enum Status { MADE, DEFERRED, BLOCKED }

  public enum Direction { OUTBOUND, INBOUND }

  @Id private UUID id;

  @Column(name = "debt_id")
  private UUID debtId;

  @Enumerated(EnumType.STRING)
  private Channel channel;

  @Enumerated(EnumType.STRING)
  private Direction direction;

  private String template;
  private String outcome;

  @Enumerated(EnumType.STRING)
  private Status status;

  @Enumerated(EnumType.STRING)
  private ContactRule rule;

  @Column(name = "rule_set")
  private String ruleSet;

  @Column(name = "rule_version")
  private Integer ruleVersion;

  @Column(name = "rule_checksum", length = 64)
  private String ruleChecksum;

  /** Who asked for it: an operator, or "process" for the process's own contacts. */
  @Column(length = 100)
  private String actor;

  @Column(name = "not_before")
  private Instant notBefore;

  private String explanation;

  @JdbcTypeCode(SqlTypes.JSON)
  private Map<String, Object> inputs;

  @Column(name = "idempotency_key")
  private String idempotencyKey;

  @Column(name = "attempted_at")
  private Instant attemptedAt;

  @Column(name = "validation_notice")
  private boolean validationNotice;

  /** The phone or e-mail address the contact used (or was checked against); null for a letter. */
  @Column(name = "contact_point_id")
  private UUID contactPointId;

  protected ContactAttempt() {}

  ContactAttempt(
      UUID debtId, Channel channel, Direction direction, String template, String outcome, ContactDecision decision,
      ContactLimits limits, Map<String, Object> inputs, String idempotencyKey, Instant now, UUID contactPointId) {
    this.id = UUID.randomUUID();
    this.contactPointId = contactPointId;
    this.debtId = debtId;
    this.channel = channel;
    this.direction = direction;
    this.template = template;
    this.outcome = outcome;
    this.status =
        switch (decision.verdict()) {
          case ALLOW -> Status.MADE;
          case DEFER -> Status.DEFERRED;
          case BLOCK -> Status.BLOCKED;
        };
    this.rule = decision.rule();
    this.ruleSet = limits == null ? null : limits.ruleSet();
    this.ruleVersion = limits == null ? null : limits.ruleVersion();
    this.ruleChecksum = limits == null ? null : limits.ruleChecksum();
    this.actor = org.opencollections.platform.Actor.current();
    this.notBefore = decision.notBefore();
    this.explanation = decision.explanation().length() > 500 ? decision.explanation().substring(0, 500) : decision.explanation();
    this.inputs = inputs;
    this.idempotencyKey = status == Status.DEFERRED ? null : idempotencyKey;
    this.attemptedAt = now;
  }

  public UUID id() { return id; }
  public UUID debtId() { return debtId; }
  public Channel channel() { return channel; }
  public Direction direction() { return direction; }
  public String template() { return template; }
  public String outcome() { return outcome; }
  public Status status() { return status; }
  public ContactRule rule() { return rule; }
  public String ruleSet() { return ruleSet; }
  public Integer ruleVersion() { return ruleVersion; }
  public String ruleChecksum() { return ruleChecksum; }
  public String actor() { return actor; }
  public Instant notBefore() { return notBefore; }
  public String explanation() { return explanation; }
  public Map<String, Object> inputs() { return inputs; }
  public Instant attemptedAt() { return attemptedAt; }
  public boolean validationNotice() { return validationNotice; }
  public UUID contactPointId() { return contactPointId; }

  void carriesValidationNotice() {
    validationNotice = true;
  }
}
