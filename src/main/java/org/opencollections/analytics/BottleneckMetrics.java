package org.opencollections.analytics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The bottleneck figures as Prometheus gauges, one series per element of the lifecycle model (tags
 * {@code element}, {@code stage}): open cases, open tasks, SLA breaches, median and p90 time in the stage. They
 * are counted on a schedule ({@code collections.bottlenecks.metrics-every}, 30 s), never on the scrape, so a
 * scrape costs nothing however large the portfolio.
 */
@Component
class BottleneckMetrics {

  private static final Logger log = LoggerFactory.getLogger(BottleneckMetrics.class);

  private final Bottlenecks bottlenecks;
  private final List<Series> series = new ArrayList<>();

  private record Series(MultiGauge gauge, ToDoubleFunction<Bottlenecks.Element> value) {}

  BottleneckMetrics(Bottlenecks bottlenecks, MeterRegistry registry) {
    this.bottlenecks = bottlenecks;
    add(registry, "collections.bottleneck.cases", "open cases in the element's stage", null, e -> e.cases());
    add(registry, "collections.bottleneck.tasks", "open user tasks at the element", null, e -> e.openTasks());
    add(registry, "collections.bottleneck.sla.breaches",
        "cases past the stage's service level plus tasks past their due date", null, e -> e.slaBreaches());
    add(registry, "collections.bottleneck.stage.time.median", "median time the open cases have been in the stage",
        "seconds", e -> seconds(e.medianInStage()));
    add(registry, "collections.bottleneck.stage.time.p90", "90th percentile of that time", "seconds",
        e -> seconds(e.p90InStage()));
  }

  private void add(MeterRegistry registry, String name, String description, String unit,
      ToDoubleFunction<Bottlenecks.Element> value) {
    series.add(new Series(MultiGauge.builder(name).description(description).baseUnit(unit).register(registry), value));
  }

  @Scheduled(initialDelayString = "${collections.bottlenecks.metrics-every:PT30S}",
      fixedDelayString = "${collections.bottlenecks.metrics-every:PT30S}")
  void count() {
    List<Bottlenecks.Element> now;
    try {
      now = bottlenecks.now();
    } catch (RuntimeException e) { // the database or the engine is away: the last figures stay until next time
      log.warn("Bottleneck metrics not counted this time: {}", e.toString());
      return;
    }
    for (Series s : series) {
      s.gauge().register(
          now.stream()
              .map(e -> MultiGauge.Row.of(
                  Tags.of("element", e.elementId(), "stage", e.stage() == null ? "" : e.stage()), s.value().applyAsDouble(e)))
              .map(r -> (MultiGauge.Row<?>) r)
              .toList(),
          true);
    }
  }

  private static double seconds(String iso) {
    return iso == null ? 0 : Duration.parse(iso).toSeconds();
  }
}
