package org.opencollections.legal;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface LegalReferralRepository extends JpaRepository<LegalReferral, UUID> {

  Optional<LegalReferral> findByIdempotencyKey(String idempotencyKey);

  Optional<LegalReferral> findFirstByDebtIdOrderByReferredAtDesc(UUID debtId);
}
