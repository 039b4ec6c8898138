package org.opencollections.intake;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface DebtorRepository extends JpaRepository<Debtor, UUID> {

  Optional<Debtor> findByExternalRef(String externalRef);
}
