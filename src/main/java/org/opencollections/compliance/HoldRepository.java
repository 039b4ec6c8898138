package org.opencollections.compliance;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface HoldRepository extends JpaRepository<Hold, UUID> {

  List<Hold> findByDebtIdAndReleasedAtIsNull(UUID debtId);

  Optional<Hold> findByIdAndDebtId(UUID id, UUID debtId);

  Optional<Hold> findByDebtIdAndRequestId(UUID debtId, String requestId);

  List<Hold> findByDebtIdOrderByStartedAt(UUID debtId);

  List<Hold> findByReleasedAtIsNullAndEndsAtLessThanEqual(java.time.Instant now);
}
