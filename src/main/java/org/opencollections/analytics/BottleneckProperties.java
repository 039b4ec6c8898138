package org.opencollections.analytics;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The team's service level per stage: a case longer in a stage than this is an SLA breach on the bottleneck
 * view (e.g. {@code collections.bottlenecks.stage-sla.NEGOTIATION=P14D}). A stage without one has no breaches
 * of its own; its tasks still breach when past their due date (the model's task schedule).
 */
@ConfigurationProperties("collections.bottlenecks")
public record BottleneckProperties(Map<String, Duration> stageSla) {
  public BottleneckProperties {
    stageSla = stageSla == null ? Map.of() : new TreeMap<>(stageSla);
  }
}
