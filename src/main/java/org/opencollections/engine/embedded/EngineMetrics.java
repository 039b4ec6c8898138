package org.opencollections.engine.embedded;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The embedded engine's disk in {@code /actuator/metrics}: the log (it grows between snapshots and shrinks
 * after each), the latest snapshot, the positions written and on disk, and how far the record reader is.
 */
@Component
@ConditionalOnProperty(name = "collections.mode", havingValue = "embedded", matchIfMissing = true)
class EngineMetrics {

  EngineMetrics(EmbeddedEngine engine, EngineRecordsReader reader, MeterRegistry meters) {
    Gauge.builder("collections.engine.log.bytes", engine, e -> e.diskUsage().logBytes())
        .description("Size of the embedded engine's log on disk").baseUnit("bytes").register(meters);
    Gauge.builder("collections.engine.snapshot.bytes", engine, e -> e.diskUsage().snapshotBytes())
        .description("Size of the embedded engine's latest state snapshot").baseUnit("bytes").register(meters);
    Gauge.builder("collections.engine.position", engine, EmbeddedEngine::lastPosition)
        .description("Position of the last record the engine wrote").register(meters);
    Gauge.builder("collections.engine.durable-position", engine, EmbeddedEngine::durablePosition)
        .description("Position up to which the engine's log is forced to disk").register(meters);
    Gauge.builder("collections.engine.reader-position", reader, EngineRecordsReader::position)
        .description("Position up to which the application has stored what the engine recorded").register(meters);
  }
}
