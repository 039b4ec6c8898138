package org.opencollections.compliance;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface ContactAttemptRepository extends JpaRepository<ContactAttempt, UUID> {

  Optional<ContactAttempt> findByIdempotencyKey(String idempotencyKey);

  Optional<ContactAttempt> findByIdAndDebtId(UUID id, UUID debtId);

  /** Calls about this debt that were made, since a moment. */
  @Query(
      "select a.attemptedAt from ContactAttempt a where a.debtId = :debtId"
          + " and a.channel in :channels"
          + " and a.status = org.opencollections.compliance.ContactAttempt.Status.MADE"
          + " and a.direction = org.opencollections.compliance.ContactAttempt.Direction.OUTBOUND"
          + " and a.attemptedAt >= :since order by a.attemptedAt")
  List<Instant> madeSince(UUID debtId, java.util.Collection<Channel> channels, Instant since);

  /** Calls to this debtor about any of their debts that were made, since a moment. */
  @Query(
      "select a.attemptedAt from ContactAttempt a where a.debtId in"
          + " (select d.id from Debt d where d.debtor.id = :debtorId)"
          + " and a.channel in :channels"
          + " and a.status = org.opencollections.compliance.ContactAttempt.Status.MADE"
          + " and a.direction = org.opencollections.compliance.ContactAttempt.Direction.OUTBOUND"
          + " and a.attemptedAt >= :since order by a.attemptedAt")
  List<Instant> debtorMadeSince(UUID debtorId, java.util.Collection<Channel> channels, Instant since);

  /** Telephone conversations about this debt (either direction), since a moment. */
  @Query(
      "select a.attemptedAt from ContactAttempt a where a.debtId = :debtId"
          + " and a.channel = org.opencollections.compliance.Channel.CALL"
          + " and a.status = org.opencollections.compliance.ContactAttempt.Status.MADE"
          + " and a.outcome = 'CONVERSATION' and a.attemptedAt >= :since order by a.attemptedAt")
  List<Instant> conversationsSince(UUID debtId, Instant since);

  List<ContactAttempt> findByDebtIdOrderByAttemptedAt(UUID debtId);
}
