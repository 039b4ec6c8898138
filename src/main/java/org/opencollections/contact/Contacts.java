package org.opencollections.contact;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.opencollections.casefile.CaseEventType;
import org.opencollections.casefile.Timeline;
import org.opencollections.intake.DebtRepository;
import org.opencollections.web.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Contacts a debtor once per key. For now an attempt is recorded in the contact ledger and the timeline;
 * channel adapters and the compliance governor plug in here, so no other code path contacts a debtor.
 */
@Service
public class Contacts {

  static final String RECORDED = "RECORDED";

  private final ContactAttemptRepository attempts;
  private final DebtRepository debts;
  private final Timeline timeline;
  private final Clock clock;

  public Contacts(ContactAttemptRepository attempts, DebtRepository debts, Timeline timeline, Clock clock) {
    this.attempts = attempts;
    this.debts = debts;
    this.timeline = timeline;
    this.clock = clock;
  }

  @Transactional
  public ContactAttempt contact(UUID debtId, Channel channel, String template, String idempotencyKey) {
    var earlier = attempts.findByIdempotencyKey(idempotencyKey);
    if (earlier.isPresent()) {
      return earlier.get();
    }
    if (!debts.existsById(debtId)) {
      throw new NotFoundException("No debt " + debtId);
    }
    ContactAttempt attempt =
        attempts.save(new ContactAttempt(debtId, channel, template, RECORDED, idempotencyKey, clock.instant()));
    timeline.record(
        debtId,
        CaseEventType.CONTACT,
        "Contact by " + channel.name().toLowerCase() + ": " + template,
        Map.of("attemptId", attempt.id().toString(), "channel", channel.name(), "template", template, "status", RECORDED),
        "contact:" + attempt.id());
    return attempt;
  }
}
