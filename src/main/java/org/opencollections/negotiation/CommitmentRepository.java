package org.opencollections.negotiation;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface CommitmentRepository extends JpaRepository<Commitment, UUID> {

  Optional<Commitment> findByIdempotencyKey(String idempotencyKey);

  Optional<Commitment> findFirstByDebtIdAndStatusOrderByCreatedAtDesc(UUID debtId, Commitment.Status status);

  java.util.List<Commitment> findByDebtIdAndStatus(UUID debtId, Commitment.Status status);

  int countByDebtIdAndStatus(UUID debtId, Commitment.Status status);
}
