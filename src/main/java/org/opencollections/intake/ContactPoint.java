package org.opencollections.intake;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One of a debtor's phone numbers or e-mail addresses: its type, the debtor's consent per use (to call, to text, to
 * e-mail: given or withdrawn, when and how), whether calls at work are inconvenient or prohibited, and whether it
 * still reaches the debtor. The value is personal data: it stays here, never in logs or process variables.
 */
@Entity
@Table(name = "contact_point")
public class ContactPoint implements org.opencollections.audit.Audited {

  public enum Kind { PHONE, EMAIL }

  /** MOBILE, HOME and WORK for phones; PERSONAL and WORK for e-mail addresses. */
  public enum Type {
    MOBILE, HOME, WORK, PERSONAL;

    public boolean fits(Kind kind) {
      return kind == Kind.PHONE ? this != PERSONAL : this == PERSONAL || this == WORK;
    }
  }

  /** What a consent is for: a call, a text message or an e-mail. */
  public enum Use { CALL, TEXT, EMAIL }

  public enum Consent { GIVEN, WITHDRAWN }

  public enum Validity { VALID, WRONG_NUMBER, BOUNCED }

  @Id private UUID id;

  @Column(name = "debtor_id")
  private UUID debtorId;

  @Enumerated(EnumType.STRING)
  private Kind kind;

  private String value;

  @Enumerated(EnumType.STRING)
  private Type type;

  @Enumerated(EnumType.STRING)
  @Column(name = "call_consent")
  private Consent callConsent;

  @Column(name = "call_consent_at")
  private Instant callConsentAt;

  @Column(name = "call_consent_source")
  private String callConsentSource;

  @Enumerated(EnumType.STRING)
  @Column(name = "text_consent")
  private Consent textConsent;

  @Column(name = "text_consent_at")
  private Instant textConsentAt;

  @Column(name = "text_consent_source")
  private String textConsentSource;

  @Enumerated(EnumType.STRING)
  @Column(name = "email_consent")
  private Consent emailConsent;

  @Column(name = "email_consent_at")
  private Instant emailConsentAt;

  @Column(name = "email_consent_source")
  private String emailConsentSource;

  @Column(name = "do_not_call_at_work")
  private boolean doNotCallAtWork;

  @Enumerated(EnumType.STRING)
  private Validity validity;

  @Column(name = "validity_at")
  private Instant validityAt;

  private int priority;

  @Column(name = "created_at")
  private Instant createdAt;

  protected ContactPoint() {}

  ContactPoint(UUID debtorId, Kind kind, String value, Type type, boolean doNotCallAtWork, int priority, Instant now) {
    this.id = UUID.randomUUID();
    this.debtorId = debtorId;
    this.kind = kind;
    this.value = value.trim();
    this.type = type;
    this.doNotCallAtWork = doNotCallAtWork;
    this.validity = Validity.VALID;
    this.priority = priority;
    this.createdAt = now;
  }

  /** Records the debtor's consent (or its withdrawal) to one use of this point. */
  void consent(Use use, Consent consent, Instant at, String source) {
    switch (use) {
      case CALL -> { callConsent = consent; callConsentAt = at; callConsentSource = source; }
      case TEXT -> { textConsent = consent; textConsentAt = at; textConsentSource = source; }
      case EMAIL -> { emailConsent = consent; emailConsentAt = at; emailConsentSource = source; }
    }
  }

  void validity(Validity validity, Instant at) {
    if (this.validity != validity) {
      this.validity = validity;
      this.validityAt = at;
    }
  }

  void doNotCallAtWork(boolean flag) {
    this.doNotCallAtWork = flag;
  }

  void priority(int priority) {
    this.priority = priority;
  }

  public UUID id() { return id; }
  public UUID debtorId() { return debtorId; }
  public Kind kind() { return kind; }
  public String value() { return value; }
  public Type type() { return type; }
  public boolean doNotCallAtWork() { return doNotCallAtWork; }
  public Validity validity() { return validity; }
  public Instant validityAt() { return validityAt; }
  public int priority() { return priority; }
  public Instant createdAt() { return createdAt; }

  /** The consent to this use; null when none was ever recorded. */
  public Consent consent(Use use) {
    return switch (use) {
      case CALL -> callConsent;
      case TEXT -> textConsent;
      case EMAIL -> emailConsent;
    };
  }

  public Instant consentAt(Use use) {
    return switch (use) {
      case CALL -> callConsentAt;
      case TEXT -> textConsentAt;
      case EMAIL -> emailConsentAt;
    };
  }

  public String consentSource(Use use) {
    return switch (use) {
      case CALL -> callConsentSource;
      case TEXT -> textConsentSource;
      case EMAIL -> emailConsentSource;
    };
  }

  /** The uses a point of this kind can have: calls and texts for a phone, e-mail for an address. */
  public static java.util.Set<Use> usesOf(Kind kind) {
    return kind == Kind.PHONE ? java.util.EnumSet.of(Use.CALL, Use.TEXT) : java.util.EnumSet.of(Use.EMAIL);
  }

  @Override
  public UUID auditedDebtId() {
    return null;
  }

  @Override
  public UUID auditedDebtorId() {
    return debtorId;
  }
}
