package org.opencollections.ledger;

import java.time.Instant;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface PostingRepository extends JpaRepository<Posting, UUID> {

  Optional<Posting> findByDebtIdAndKindAndReference(UUID debtId, PostingKind kind, String reference);

  List<Posting> findByDebtIdOrderByBookedAt(UUID debtId);

  @Query(
      "select coalesce(sum(case when p.kind = org.opencollections.ledger.PostingKind.REVERSAL then -p.amount"
          + " else p.amount end), 0) from Posting p where p.debtId = :debtId"
          + " and p.kind in (org.opencollections.ledger.PostingKind.PAYMENT, org.opencollections.ledger.PostingKind.REVERSAL)"
          + " and p.bookedAt >= :since")
  BigDecimal paidSince(UUID debtId, Instant since);
}
