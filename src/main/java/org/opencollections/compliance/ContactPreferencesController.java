package org.opencollections.compliance;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.opencollections.timeline.CaseEventType;
import org.opencollections.timeline.Timeline;
import org.opencollections.intake.DebtRepository;
import org.opencollections.intake.DebtorRepository;
import org.opencollections.platform.NotFoundException;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** What the debtor asked of us; the governor applies it to every contact on every one of their debts. */
@RestController
class ContactPreferencesController {

  private final ContactPreferencesRepository preferences;
  private final DebtorRepository debtors;
  private final DebtRepository debts;
  private final Timeline timeline;
  private final Clock clock;

  ContactPreferencesController(
      ContactPreferencesRepository preferences, DebtorRepository debtors, DebtRepository debts, Timeline timeline,
      Clock clock) {
    this.preferences = preferences;
    this.debtors = debtors;
    this.debts = debts;
    this.timeline = timeline;
    this.clock = clock;
  }

  record Attorney(@NotBlank @Size(max = 200) String name, @Size(max = 40) String phone, @Email @Size(max = 320) String email) {}

  record Preferences(boolean ceaseCommunication, Set<@jakarta.validation.constraints.NotNull Channel> blockedChannels, @Valid Attorney attorney) {}

  @PutMapping("/api/debtors/{id}/contact-preferences")
  @Transactional
  public Preferences update(@PathVariable UUID id, @Valid @RequestBody Preferences request) {
    if (!debtors.existsById(id)) {
      throw new NotFoundException("No debtor " + id);
    }
    Set<Channel> blocked = request.blockedChannels() == null || request.blockedChannels().isEmpty()
        ? EnumSet.noneOf(Channel.class) : EnumSet.copyOf(request.blockedChannels());
    ContactPreferences prefs = preferences.findById(id).orElseGet(() -> new ContactPreferences(id));
    Attorney a = request.attorney();
    prefs.update(request.ceaseCommunication(), blocked, a == null ? null : a.name(), a == null ? null : a.phone(),
        a == null ? null : a.email(), clock.instant());
    preferences.save(prefs);
    String summary = "Contact preferences: " + (request.ceaseCommunication() ? "cease communication; " : "")
        + (blocked.isEmpty() ? "no blocked channels" : "blocked " + blocked)
        + (a == null ? "" : "; represented by an attorney");
    for (UUID debtId : debts.findIdsByDebtorId(id)) {
      timeline.record(debtId, CaseEventType.CONTACT_PREFERENCES, summary,
          Map.of("ceaseCommunication", request.ceaseCommunication(), "blockedChannels", blocked.stream().map(Enum::name).sorted().toList(),
              "attorney", a != null));
    }
    return new Preferences(prefs.ceaseCommunication(), prefs.blockedChannels(), a);
  }
}
