package org.opencollections.intake;

import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface DebtorRepository extends JpaRepository<Debtor, UUID> {}
