package org.opencollections.casefile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.opencollections.support.CollectionsTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A case registered while a bulk start (the start-up round, an import, the retry) looks at the same cases
 * starts exactly once: the gap in which a debt once got two process instances and two reminders.
 */
@CollectionsTest
@Order(4)
class CaseStarterTest {

  @Autowired CaseStarter starter;
  @Autowired CaseWorkflow workflow;
  @Autowired JdbcTemplate jdbc;

  @Test
  void aCaseStartedByItsRequestWhileABulkStartRunsGetsOneInstance() {
    UUID debtor = UUID.randomUUID();
    jdbc.update(
        "insert into debtor (id, name, time_zone, jurisdiction, created_at) values (?, 'Dana', 'America/New_York', 'US-NY', now())",
        debtor);
    List<UUID> debts = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      UUID id = UUID.randomUUID();
      // committed, not started yet: what a request has just stored, and what a bulk start finds
      jdbc.update(
          "insert into debt (id, external_ref, debtor_id, principal, currency, due_date, product, stage, status,"
              + " created_at, version) values (?, ?, ?, 500.00, 'USD', current_date - 20, 'CREDIT_CARD', 'INTAKE',"
              + " 'OPEN', ?, 0)",
          id, "CS-" + id, debtor, Timestamp.from(Instant.now()));
      debts.add(id);
    }
    List<UUID> requests = new ArrayList<>(debts);
    Collections.shuffle(requests);
    CompletableFuture<CaseStarter.Progress> bulk =
        CompletableFuture.supplyAsync(() -> starter.startAll((epoch, limit) -> jdbc.queryForList(
            "select id from debt where debtor_id = ? and status = 'OPEN' and (engine_epoch is null or engine_epoch <> ?)"
                + " order by id limit ?", UUID.class, debtor, epoch, limit)));
    List<CompletableFuture<Void>> byRequest =
        requests.stream().map(id -> CompletableFuture.runAsync(() -> starter.startNow(id))).toList();
    bulk.join();
    byRequest.forEach(CompletableFuture::join);

    await().atMost(Duration.ofSeconds(30)).until(() -> started(debtor) == debts.size());
    assertThat(jdbc.queryForObject(
            "select count(*) from engine_process_instance where engine_id = ? and debt_id in"
                + " (select id from debt where debtor_id = ?)", Long.class, workflow.epoch(), debtor))
        .as("process instances the engine created for the 40 cases (its records)").isEqualTo(debts.size());
  }

  /** How many of the debtor's debts have a process instance in the engine's records. */
  private long started(UUID debtor) {
    Long count = jdbc.queryForObject(
        "select count(distinct i.debt_id) from engine_process_instance i join debt d on d.id = i.debt_id"
            + " where d.debtor_id = ? and i.engine_id = ?", Long.class, debtor, workflow.epoch());
    return count == null ? 0 : count;
  }
}
