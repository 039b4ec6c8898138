package org.opencollections.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.opencollections.intake.NewDebt;
import org.opencollections.support.CollectionsTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A chunk is prepared while the one before it is still being copied: duplicates and shared debtors across
 * the two must still be found, and a chunk whose references were taken meanwhile is prepared again.
 */
@CollectionsTest
@Order(3)
class ImportStoreTest {

  @Autowired ImportStore store;
  @Autowired JdbcTemplate jdbc;
  UUID importId;
  String run;

  @BeforeEach
  void setUp() {
    importId = newImport();
    run = importId.toString().substring(0, 8);
  }

  UUID newImport() {
    UUID id = UUID.randomUUID();
    // COMPLETED: the application's own import threads leave it alone
    jdbc.update(
        "insert into portfolio_import (id, format, state, spool_file, submitted_by, received_at) values (?, 'CSV', 'COMPLETED', '-', 'test', ?)",
        id, Timestamp.from(Instant.now()));
    return id;
  }

  @Test
  void aChunkPreparedBeforeTheOneBeforeItIsCommittedSeesItsDebtsAndDebtors() {
    ImportStore.Prepared first = store.prepare(importId, "test", List.of(row(2, "A", "C1"), row(3, "B", "C2")), 3, null);
    // prepared while the first is not stored yet: A again, and another debt of debtor C1
    ImportStore.Prepared second = store.prepare(importId, "test", List.of(row(4, "A", null), row(5, "D", "C1")), 5, first);

    assertThat(store.store(first)).isEqualTo(new ImportStore.Counts(2, 0));
    assertThat(store.store(second)).isEqualTo(new ImportStore.Counts(1, 1));

    assertThat(reasons(4)).contains("externalRef '" + ref("A") + "' appears again: the debt on line 2 of this file has it");
    assertThat(debtorOf("D")).isEqualTo(debtorOf("A"));
    assertThat(jdbc.queryForObject("select count(*) from debtor where external_ref = ?", Integer.class, run + "-C1")).isOne();
    assertProgress(4, 3, 1);
  }

  @Test
  void aChunkWhoseReferenceWasRegisteredMeanwhileIsPreparedAgainAndSoIsTheNext() {
    ImportStore.Prepared first = store.prepare(importId, "test", List.of(row(2, "A", "C1"), row(3, "B", "C2")), 3, null);
    ImportStore.Prepared second = store.prepare(importId, "test", List.of(row(4, "E", "C2")), 4, first);
    // B comes in through another import between preparing and storing the first chunk
    UUID otherImport = newImport();
    store.store(store.prepare(otherImport, "test", List.of(row(2, "B", "C9")), 2, null));

    assertThat(store.store(first)).isEqualTo(new ImportStore.Counts(1, 1));
    assertThat(reasons(3)).contains("externalRef '" + ref("B") + "' already exists: a stored debt has this reference");
    // the second chunk counted on the debtor C2 that B's row would have created: it is prepared again
    assertThat(store.store(second)).isEqualTo(new ImportStore.Counts(1, 0));
    assertThat(jdbc.queryForObject(
        "select external_ref from debtor where id = ?", String.class, debtorOf("E"))).isEqualTo(run + "-C2");
    assertProgress(3, 2, 1);
  }

  NewDebt.NewDebtor debtor(String debtorRef) {
    return new NewDebt.NewDebtor(debtorRef == null ? null : run + "-" + debtorRef, "Dana", null, null, "UTC", "DE");
  }

  ImportStore.Checked row(int line, String ref, String debtorRef) {
    NewDebt debt = new NewDebt(ref(ref), debtor(debtorRef), "10.00", "EUR", LocalDate.of(2027, 1, 1), "CREDIT_CARD");
    return new ImportStore.Checked(new Row(line, line, debt, debt.externalRef(), List.of(), Set.of()), List.of());
  }

  String ref(String name) {
    return "STORE-" + run + "-" + name;
  }

  String reasons(int line) {
    return jdbc.queryForObject(
        "select reasons::text from portfolio_import_rejection where import_id = ? and line = ?", String.class, importId, line);
  }

  UUID debtorOf(String ref) {
    return jdbc.queryForObject("select debtor_id from debt where external_ref = ?", UUID.class, ref(ref));
  }

  void assertProgress(int rows, int imported, int rejected) {
    assertThat(jdbc.queryForMap("select rows_read, imported, rejected from portfolio_import where id = ?", importId))
        .containsExactlyInAnyOrderEntriesOf(java.util.Map.of("rows_read", rows, "imported", imported, "rejected", rejected));
  }
}
