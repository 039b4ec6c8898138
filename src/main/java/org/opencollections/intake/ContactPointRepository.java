package org.opencollections.intake;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface ContactPointRepository extends JpaRepository<ContactPoint, UUID> {

  /** The debtor's points, in the order they are to be tried. */
  @Query("select p from ContactPoint p where p.debtorId = ?1 order by p.priority, p.createdAt, p.id")
  List<ContactPoint> ofDebtor(UUID debtorId);

  @Query("select p from ContactPoint p where p.debtorId = ?1 and p.kind = ?2 order by p.priority, p.createdAt, p.id")
  List<ContactPoint> ofDebtor(UUID debtorId, ContactPoint.Kind kind);

  Optional<ContactPoint> findByIdAndDebtorId(UUID id, UUID debtorId);
}
