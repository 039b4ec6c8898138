package org.opencollections.compliance;

import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ContactPreferencesRepository extends JpaRepository<ContactPreferences, UUID> {}
