package org.opencollections.intake;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

/** A person who owes one or more debts. Personal data lives here, never in process variables. */
@Entity
@Table(name = "debtor")
public class Debtor {

  @Id private UUID id;

  /** The creditor's customer reference; debts that carry the same one belong to this debtor. */
  @Column(name = "external_ref")
  private String externalRef;

  private String name;
  private String email;
  private String phone;

  @Column(name = "time_zone")
  private String timeZone;

  private String jurisdiction;

  @Column(name = "created_at")
  private Instant createdAt;

  protected Debtor() {}

  public Debtor(
      String externalRef, String name, String email, String phone, ZoneId timeZone, String jurisdiction, Instant now) {
    this.id = UUID.randomUUID();
    this.externalRef = externalRef;
    this.name = name;
    this.email = email;
    this.phone = phone;
    this.timeZone = timeZone.getId();
    this.jurisdiction = jurisdiction;
    this.createdAt = now;
  }

  public UUID id() { return id; }
  public String externalRef() { return externalRef; }
  public String name() { return name; }
  public String email() { return email; }
  public String phone() { return phone; }
  public ZoneId timeZone() { return ZoneId.of(timeZone); }
  public String jurisdiction() { return jurisdiction; }
  public Instant createdAt() { return createdAt; }
}
