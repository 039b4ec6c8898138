package org.opencollections.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencollections.support.CollectionsTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Not part of the default suite (its name does not end in Test): writes a portfolio of benchmark.debts
 * (100,000) debts straight into PostgreSQL, with two payments, five contact attempts and four timeline
 * events each and a promise on every fifth, then times the KPIs of a month over it. It checks that the
 * population is counted; it does not judge the timings. Run it with
 * {@code ./mvnw -B -o surefire:test -Dtest=KpiBenchmark} after {@code test-compile}.
 */
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "collections.engine.port=0",
      "collections.mail.embedded-port=0",
      "collections.postgres.data-dir=target/benchmark/data-${random.uuid}",
      "collections.engine.data-dir=target/benchmark/engine-${random.uuid}",
      "collections.resume.retry-interval=PT1H",
      "collections.simulation.start=" + CollectionsTest.START,
      "logging.level.org.opencollections=WARN",
      // a loaded machine deploys the models slowly: give the engine time (the measured part is the database's)
      "camunda.client.request-timeout=PT60S"
    })
class KpiBenchmark {

  @Autowired JdbcTemplate jdbc;
  @Autowired KpiQueries kpis;

  @Test
  void kpisOfAPortfolio() {
    int debts = Integer.getInteger("benchmark.debts", 100_000);
    long started = System.nanoTime();
    UUID debtor = UUID.randomUUID();
    jdbc.update("insert into debtor (id, name, time_zone, jurisdiction, created_at)"
        + " values (?, 'Benchmark debtor', 'America/New_York', 'US-NY', now())", debtor);
    jdbc.update("insert into debt (id, external_ref, debtor_id, principal, currency, due_date, product, stage, status,"
        + " segment, created_at, closed_at, version)"
        + " select gen_random_uuid(), 'BENCH-' || g, ?, 100 + (g % 200) * 100.00, case when g % 10 = 0 then 'EUR' else 'USD' end,"
        + "  date '2027-02-01' - (g % 300), 'BENCH', case when g % 7 = 0 then 'CLOSED' else 'SOFT_REMINDER' end,"
        + "  case when g % 7 = 0 then 'PAID' else 'OPEN' end, (array['STANDARD', 'HIGH_VALUE', 'LATE_STAGE'])[g % 3 + 1],"
        + "  timestamptz '2026-12-01' + (g % 60) * interval '1 day',"
        + "  case when g % 7 = 0 then timestamptz '2027-01-15' + (g % 45) * interval '1 day' end, 0"
        + " from generate_series(1, ?) g", debtor, debts);
    jdbc.update("insert into posting (id, debt_id, kind, amount, currency, reference, booked_at)"
        + " select gen_random_uuid(), d.id, 'PAYMENT', 25.00, d.currency, 'BENCH-' || k, d.created_at + k * interval '25 days'"
        + " from debt d, generate_series(1, 2) k where d.product = 'BENCH'");
    jdbc.update("insert into contact_attempt (id, debt_id, channel, template, status, attempted_at, outcome, rule)"
        + " select gen_random_uuid(), d.id, (array['CALL', 'EMAIL', 'SMS', 'LETTER'])[k % 4 + 1], 'bench',"
        + "  case k when 4 then 'DEFERRED' when 5 then 'BLOCKED' else 'MADE' end,"
        + "  d.created_at + k * interval '11 days', case when k % 2 = 0 then 'CONVERSATION' else 'NO_ANSWER' end,"
        + "  case k when 4 then 'LOCAL_TIME_WINDOW' when 5 then 'CALL_FREQUENCY' else 'NONE' end"
        + " from debt d, generate_series(1, 5) k where d.product = 'BENCH'");
    jdbc.update("insert into case_event (debt_id, occurred_at, type, summary, details)"
        + " select d.id, d.created_at + s.after, s.type, 'benchmark', s.details::jsonb from debt d,"
        + " (values (interval '0', 'CASE_OPENED', '{}'),"
        + "   (interval '1 minute', 'STAGE_CHANGED', '{\"from\": \"INTAKE\", \"to\": \"SEGMENTATION\"}'),"
        + "   (interval '2 minutes', 'STAGE_CHANGED', '{\"from\": \"SEGMENTATION\", \"to\": \"SOFT_REMINDER\"}'),"
        + "   (interval '40 days', 'STAGE_CHANGED', '{\"from\": \"SOFT_REMINDER\", \"to\": \"NEGOTIATION\"}')) s(after, type, details)"
        + " where d.product = 'BENCH'");
    jdbc.update("insert into commitment (id, debt_id, kind, status, total_amount, currency, idempotency_key, created_at, resolved_at)"
        + " select gen_random_uuid(), d.id, 'PROMISE_TO_PAY', case when d.external_ref like '%0' then 'KEPT' else 'BROKEN' end,"
        + "  50.00, d.currency, 'bench:' || d.id, d.created_at + interval '30 days', d.created_at + interval '45 days'"
        + " from debt d where d.product = 'BENCH' and d.external_ref ~ '[05]$'");
    jdbc.update("insert into instalment (id, commitment_id, number, amount, due_date, check_at, status)"
        + " select gen_random_uuid(), c.id, 1, c.total_amount, cast(c.created_at as date) + 10, c.created_at + interval '14 days',"
        + "  case when c.status = 'KEPT' then 'PAID' else 'MISSED' end from commitment c where c.idempotency_key like 'bench:%'");
    jdbc.execute("analyze");
    System.out.printf("KPI benchmark: %,d debts written in %,d ms%n", debts, (System.nanoTime() - started) / 1_000_000);

    KpiQuery month = KpiQuery.parse("2027-02-01", "2027-03-01", null, "BENCH");
    for (int run = 1; run <= 3; run++) {
      long t = System.nanoTime();
      Kpis k = kpis.compute(month);
      System.out.printf("KPI benchmark: run %d, a month over the portfolio in %,d ms (%d debts at the start)%n",
          run, (System.nanoTime() - t) / 1_000_000, k.cures().debtsAtStart());
      assertThat(k.cures().debtsAtStart()).isPositive();
    }
    long t = System.nanoTime();
    kpis.compute(KpiQuery.parse("2027-02-01", "2027-03-01", "HIGH_VALUE", null));
    System.out.printf("KPI benchmark: one segment, no product filter, in %,d ms%n", (System.nanoTime() - t) / 1_000_000);
  }
}
