package org.opencollections.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opencollections.support.CollectionsTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * A small demo (60 debtors, 2 weeks) in an application of its own: after it, every workbench view has something
 * to show, and every contact of it went through the governor.
 */
@CollectionsTest
@TestPropertySource(properties = {
    "collections.demo.enabled=true", "collections.demo.debtors=60", "collections.demo.weeks=2"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoPortfolioTest {

  @Autowired DemoRun demo;
  @Autowired JdbcTemplate jdbc;
  DemoRun.Summary summary;

  @BeforeAll
  void waitForTheDemo() throws Exception {
    summary = demo.finished().get(6, TimeUnit.MINUTES);
  }

  @Test
  void theGeneratedPortfolioCameThroughTheImportAndItsCasesStarted() {
    assertThat(summary.skipped()).isFalse();
    assertThat(summary.debts()).isGreaterThanOrEqualTo(60);
    assertThat(count("select count(*) from portfolio_import where id = ? and state = 'COMPLETED' and rejected = 0"
        + " and submitted_by = 'supervisor'", summary.importId())).isEqualTo(1);
    assertThat(count("select count(*) from debt where import_id = ? and process_instance_key is null", summary.importId()))
        .isZero();
  }

  @Test
  void casesAreInSeveralStages() {
    List<String> stages = jdbc.queryForList(
        "select distinct stage from debt where import_id = ?", String.class, summary.importId());
    assertThat(stages).hasSizeGreaterThanOrEqualTo(3);
  }

  @Test
  void thereAreOpenTasksPaymentsAndPromises() {
    assertThat(count("select count(*) from engine_user_task t join debt d on d.process_instance_key ="
        + " t.process_instance_key where d.import_id = ?", summary.importId())).isPositive();
    assertThat(count("select count(*) from posting p join debt d on d.id = p.debt_id where d.import_id = ?"
        + " and p.kind = 'PAYMENT' and p.actor = 'operator'", summary.importId())).isPositive();
    assertThat(count("select count(*) from debt where import_id = ? and status = 'PAID'", summary.importId())).isPositive();
    assertThat(count("select count(*) from commitment c join debt d on d.id = c.debt_id where d.import_id = ?",
        summary.importId())).isPositive();
  }

  @Test
  void contactsWereMadeAndDeferredEachWithTheGovernorsDecision() {
    assertThat(count("select count(*) from contact_attempt a join debt d on d.id = a.debt_id where d.import_id = ?"
        + " and a.status = 'MADE' and a.actor = 'operator'", summary.importId())).isPositive();
    assertThat(count("select count(*) from contact_attempt a join debt d on d.id = a.debt_id where d.import_id = ?"
        + " and a.status = 'DEFERRED'", summary.importId())).isPositive();
    // every attempt carries the rule that decided it and the rule set it came from
    assertThat(count("select count(*) from contact_attempt a join debt d on d.id = a.debt_id where d.import_id = ?"
        + " and (a.rule_set is null or a.rule_version is null)", summary.importId())).isZero();
    // nothing was sent around the governor: every message belongs to an attempt it allowed
    assertThat(count("select count(*) from contact_message m join debt d on d.id = m.debt_id"
        + " left join contact_attempt a on a.id = m.attempt_id where d.import_id = ? and (a.id is null or a.status <> 'MADE')",
        summary.importId())).isZero();
    assertThat(count("select count(*) from contact_message m join debt d on d.id = m.debt_id where d.import_id = ?",
        summary.importId())).isPositive();
  }

  @Test
  void theDemoDaysMovedTheClockTwoWeeks() {
    Long offset = jdbc.queryForObject("select offset_seconds from simulated_clock where id = 1", Long.class);
    assertThat(Duration.ofSeconds(offset)).isGreaterThanOrEqualTo(Duration.ofDays(14));
  }

  private long count(String sql, Object... args) {
    Long n = jdbc.queryForObject(sql, Long.class, args);
    return n == null ? 0 : n;
  }
}
