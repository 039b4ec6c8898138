package org.opencollections.analytics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * This month's KPIs so far (the UTC month, as {@code GET /api/analytics/kpis?from=<1st>&to=<tomorrow>} answers
 * them, every segment) as Prometheus gauges: the rates ({@code collections_kpi_rate{kpi}}), the forward roll per
 * bucket, liquidation and recovery per currency, and the cost to collect. A rate without a denominator is NaN.
 * They are computed on a schedule ({@code collections.analytics.metrics-every}, 5 min): the query reads the
 * whole portfolio, so never on the scrape.
 */
@Component
class KpiMetrics {

  private static final Logger log = LoggerFactory.getLogger(KpiMetrics.class);

  private final KpiQueries queries;
  private final Clock clock;
  private final MultiGauge rates;
  private final MultiGauge forwardRoll;
  private final MultiGauge liquidation;
  private final MultiGauge recovery;
  private final MultiGauge cost;

  KpiMetrics(KpiQueries queries, Clock clock, MeterRegistry registry) {
    this.queries = queries;
    this.clock = clock;
    rates = MultiGauge.builder("collections.kpi.rate").description("this month's KPI rates so far").register(registry);
    forwardRoll = MultiGauge.builder("collections.kpi.forward.roll")
        .description("share of each bucket's debts at the month's start in a later bucket now").register(registry);
    liquidation = MultiGauge.builder("collections.kpi.liquidation")
        .description("collected this month / balance at the month's start, per currency").register(registry);
    recovery = MultiGauge.builder("collections.kpi.recovery")
        .description("collected / principal placed, per currency").register(registry);
    cost = MultiGauge.builder("collections.kpi.cost.to.collect")
        .description("this month's contacts x their unit cost, in the configured currency").register(registry);
  }

  @Scheduled(initialDelayString = "${collections.analytics.metrics-every:PT5M}",
      fixedDelayString = "${collections.analytics.metrics-every:PT5M}")
  void compute() {
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    Kpis k;
    try {
      k = queries.compute(new KpiQuery(today.withDayOfMonth(1), today.plusDays(1), null, null));
    } catch (RuntimeException e) { // the database is away: the last figures stay until next time
      log.warn("KPI metrics not computed this time: {}", e.toString());
      return;
    }
    List<MultiGauge.Row<?>> r = new ArrayList<>();
    rate(r, "cure", k.cures().cureRate());
    rate(r, "self_cure", k.cures().selfCureRate());
    rate(r, "right_party_contact", k.contactRates().rightPartyContactRate());
    rate(r, "ptp", k.contactRates().ptpRate());
    rate(r, "ptp_kept", k.contactRates().ptpKeptRate());
    rate(r, "contact_deferred", k.contactDecisions().deferredRate());
    rate(r, "contact_blocked", k.contactDecisions().blockedRate());
    rates.register(r, true);
    List<MultiGauge.Row<?>> roll = new ArrayList<>();
    k.rollRates().rows().forEach((bucket, row) -> roll.add(MultiGauge.Row.of(Tags.of("bucket", bucket), number(row.forwardRoll().rate()))));
    forwardRoll.register(roll, true);
    liquidation.register(perCurrency(k.liquidation(), Kpis.Liquidation::rate), true);
    recovery.register(perCurrency(k.recovery(), Kpis.Recovery::rate), true);
    cost.register(List.of(MultiGauge.Row.of(
        Tags.of("currency", k.costToCollect().currency()), number(k.costToCollect().total()))), true);
  }

  private static void rate(List<MultiGauge.Row<?>> rows, String kpi, Kpis.Rate rate) {
    rows.add(MultiGauge.Row.of(Tags.of("kpi", kpi), number(rate.rate())));
  }

  private static <T> List<MultiGauge.Row<?>> perCurrency(Map<String, T> byCurrency, java.util.function.Function<T, String> rate) {
    List<MultiGauge.Row<?>> rows = new ArrayList<>();
    byCurrency.forEach((currency, v) -> rows.add(MultiGauge.Row.of(Tags.of("currency", currency), number(rate.apply(v)))));
    return rows;
  }

  private static double number(String decimal) {
    return decimal == null ? Double.NaN : Double.parseDouble(decimal); // a gauge's value: Prometheus has no decimals
  }
}
