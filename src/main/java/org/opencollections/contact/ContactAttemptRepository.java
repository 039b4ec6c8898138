package org.opencollections.contact;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ContactAttemptRepository extends JpaRepository<ContactAttempt, UUID> {

  Optional<ContactAttempt> findByIdempotencyKey(String idempotencyKey);

  List<ContactAttempt> findByDebtIdOrderByAttemptedAt(UUID debtId);
}
