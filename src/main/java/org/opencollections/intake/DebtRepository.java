package org.opencollections.intake;

import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

public interface DebtRepository extends JpaRepository<Debt, UUID> {

  boolean existsByExternalRef(String externalRef);

  @Query("select d.id from Debt d where d.debtor.id = :debtorId")
  List<UUID> findIdsByDebtorId(UUID debtorId);

  // Instance keys are unique only within one engine's lifetime (an in-process engine starts counting
  // again after a restart), so they are always looked up together with the engine's epoch.
  Optional<Debt> findByProcessInstanceKeyAndEngineEpoch(long processInstanceKey, String engineEpoch);

  List<Debt> findByProcessInstanceKeyInAndEngineEpoch(List<Long> processInstanceKeys, String engineEpoch);

  /** Serialises changes to one case (payments, closing) so "paid in full" is decided exactly once. */
  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select d from Debt d where d.id = :id")
  Optional<Debt> lockById(UUID id);

  /** Open cases whose process instance was started on another engine (null: not started yet). */
  @Query(
      "select count(d) from Debt d where d.status = org.opencollections.intake.CaseStatus.OPEN"
          + " and d.engineEpoch is not null and d.engineEpoch <> :epoch")
  long countOpenOnOtherEngines(String epoch);

  /** Open cases created before {@code before} whose process instance does not run on this engine. */
  @Query(
      "select d.id from Debt d where d.status = org.opencollections.intake.CaseStatus.OPEN"
          + " and (d.engineEpoch is null or d.engineEpoch <> :epoch) and d.createdAt < :before"
          + " order by d.createdAt")
  List<UUID> findOpenWithoutProcessOn(String epoch, Instant before, Limit limit);

  /** Forgets the case's instance (it is gone), if it is still this one. */
  @Modifying
  @Query(
      "update Debt d set d.processInstanceKey = null, d.engineEpoch = null where d.id = :id and d.processInstanceKey = :key")
  int detachProcess(UUID id, long key);

  /** Not versioned on purpose: workers may already be changing the case when its instance is recorded. */
  @Modifying
  @Query("update Debt d set d.processInstanceKey = :key, d.engineEpoch = :epoch where d.id = :id")
  int attachProcess(UUID id, long key, String epoch);
}
