package org.opencollections.compliance;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** What the debtor asked of us: stop all contact, never use some channels, talk to their attorney. */
@Entity
@Table(name = "contact_preferences")
public class ContactPreferences implements org.opencollections.audit.Audited {

  @Id
  @Column(name = "debtor_id")
  private UUID debtorId;

  @Column(name = "cease_communication")
  private boolean ceaseCommunication;

  @Column(name = "blocked_channels")
  private String blockedChannels;

  @Column(name = "attorney_name")
  private String attorneyName;

  @Column(name = "attorney_phone")
  private String attorneyPhone;

  @Column(name = "attorney_email")
  private String attorneyEmail;

  @Column(name = "updated_at")
  private Instant updatedAt;

  protected ContactPreferences() {}

  ContactPreferences(UUID debtorId) {
    this.debtorId = debtorId;
    this.blockedChannels = "";
  }

  void update(boolean cease, Set<Channel> blocked, String attorneyName, String attorneyPhone, String attorneyEmail, Instant now) {
    this.ceaseCommunication = cease;
    this.blockedChannels = blocked.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
    this.attorneyName = attorneyName;
    this.attorneyPhone = attorneyPhone;
    this.attorneyEmail = attorneyEmail;
    this.updatedAt = now;
  }

  public UUID debtorId() { return debtorId; }
  public boolean ceaseCommunication() { return ceaseCommunication; }
  public boolean representedByAttorney() { return attorneyName != null && !attorneyName.isBlank(); }
  public String attorneyName() { return attorneyName; }
  public String attorneyPhone() { return attorneyPhone; }
  public String attorneyEmail() { return attorneyEmail; }
  public Instant updatedAt() { return updatedAt; }

  public Set<Channel> blockedChannels() {
    if (blockedChannels == null || blockedChannels.isBlank()) {
      return EnumSet.noneOf(Channel.class);
    }
    return Arrays.stream(blockedChannels.split(",")).map(Channel::valueOf).collect(Collectors.toCollection(() -> EnumSet.noneOf(Channel.class)));
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
