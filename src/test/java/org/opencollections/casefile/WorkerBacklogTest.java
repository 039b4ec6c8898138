package org.opencollections.casefile;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.opencollections.support.CollectionsTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Bulk starts wait while the workers are behind: counted per engine, bounded in time. */
@CollectionsTest
@Order(3)
class WorkerBacklogTest {

  @Autowired WorkerBacklog backlog;
  @Autowired JdbcTemplate jdbc;
  final String epoch = "test-" + UUID.randomUUID();
  final UUID debtor = UUID.randomUUID();

  @AfterEach
  void closeTheseCases() {
    jdbc.update("update debt set status = 'PAID', closed_at = now() where debtor_id = ?", debtor);
  }

  @Test
  void countsStartedCasesStillInIntakeOnThisEngineOnly() {
    jdbc.update(
        "insert into debtor (id, name, time_zone, jurisdiction, created_at) values (?, 'Dana', 'UTC', 'DE', now())", debtor);
    debt("INTAKE", 1L, epoch);
    debt("INTAKE", 2L, epoch);
    debt("SEGMENTATION", 3L, epoch);      // a worker has taken it
    debt("INTAKE", null, null);           // not started yet: waits for the starter, not for a worker
    debt("INTAKE", 4L, "earlier-engine"); // its process is gone with that engine

    assertThat(backlog.awaitingFirstStep(epoch)).isEqualTo(2);
    assertThat(backlog.awaitRoom(3, Duration.ZERO, epoch)).as("room for one more").isEqualTo(1);
    assertThat(backlog.awaitRoom(0, Duration.ZERO, epoch)).as("0: no bound").isEqualTo(Integer.MAX_VALUE);

    long began = System.nanoTime();
    assertThat(backlog.awaitRoom(2, Duration.ofMillis(300), epoch)).as("no room").isZero();
    assertThat(Duration.ofNanos(System.nanoTime() - began)).isGreaterThanOrEqualTo(Duration.ofMillis(300));

    // a worker takes one out of intake while the starter waits
    Thread.ofVirtual().start(() -> {
      sleep(300);
      jdbc.update("update debt set stage = 'SEGMENTATION' where engine_epoch = ? and process_instance_key = 1", epoch);
    });
    assertThat(backlog.awaitRoom(2, Duration.ofSeconds(10), epoch)).isEqualTo(1);
    assertThat(backlog.awaitingFirstStep(epoch)).isEqualTo(1);
  }

  void debt(String stage, Long key, String engine) {
    jdbc.update(
        "insert into debt (id, external_ref, debtor_id, principal, currency, due_date, product, stage, status,"
            + " process_instance_key, engine_epoch, created_at, version)"
            + " values (?, ?, ?, 10.00, 'EUR', current_date, 'CREDIT_CARD', ?, 'OPEN', ?, ?, ?, 0)",
        UUID.randomUUID(), "WB-" + UUID.randomUUID(), debtor, stage, key,
        engine, Timestamp.from(Instant.now()));
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
