package org.opencollections.casefile;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.ObjLongConsumer;
import org.opencollections.casefile.ResumePlanning.Start;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The pace at which case starts go to the engine: a window of starts in flight that halves when the engine
 * answers slowly or pushes back and grows by one with each quick answer, and a pause that doubles (up to
 * {@link #LONGEST_PAUSE}) while the engine keeps refusing with backpressure. A start refused for backpressure is
 * never dropped; any other refusal ends the round and leaves the rest to the next one.
 */
@Component
class StartPacing {

  private static final Logger LOG = LoggerFactory.getLogger(StartPacing.class);
  private static final Duration FIRST_PAUSE = Duration.ofMillis(50);
  private static final Duration LONGEST_PAUSE = Duration.ofSeconds(10);
  /**
   * A start answered slower than this means the engine's queue is long: fewer starts go in flight, so the
   * commands of running cases (their jobs and decisions) still get through. An engine without
   * backpressure of its own (the in-process one) is paced by this alone.
   */
  private static final Duration SLOW_ANSWER = Duration.ofMillis(500);
  /** How long starts in flight may go unanswered before they are left to the retry. */
  private static final Duration NO_ANSWER = Duration.ofMinutes(5);

  /** What one round achieved: how many instances were created, and whether the engine refused the rest. */
  record Sent(int started, boolean refused) {}

  private record Outcome(Start start, long sentAt, Long key, Throwable failure) {}

  private final CaseWorkflow workflow;
  private final int window;
  /** How many starts may be in flight now: halves on a slow answer, grows by one on a quick one. */
  private volatile int inFlightLimit;
  private final Counter startsSent;
  private final Counter startsRefusedBusy;

  StartPacing(CaseWorkflow workflow, @Value("${collections.cases.start-window:32}") int window, MeterRegistry meters) {
    this.workflow = workflow;
    this.window = window;
    this.inFlightLimit = window;
    // the starter's pace, for whoever watches a bulk import: /actuator/metrics/collections.cases.starts
    this.startsSent =
        Counter.builder("collections.cases.starts").tag("outcome", "created")
            .description("Process instances the case starter created").register(meters);
    this.startsRefusedBusy =
        Counter.builder("collections.cases.starts").tag("outcome", "engine-busy")
            .description("Starts the engine refused with backpressure (RESOURCE_EXHAUSTED/UNAVAILABLE); each is sent again")
            .register(meters);
    Gauge.builder("collections.cases.start-window", this, s -> s.inFlightLimit)
        .description("Starts the case starter may have in flight now (narrower while the engine is slow or busy)")
        .register(meters);
  }

  /** How many cases a bulk start reads at once: enough to keep a full window busy. */
  int batch() {
    return 4 * window;
  }

  /**
   * Sends these starts at the engine's pace and hands each created instance to {@code created} (on this
   * thread) as its answer comes; the caller holds the starter's lock.
   */
  Sent send(Collection<Start> starts, ObjLongConsumer<Start> created) {
    Deque<Start> todo = new ArrayDeque<>(starts);
    BlockingQueue<Outcome> done = new LinkedBlockingQueue<>();
    int inFlight = 0;
    int started = 0;
    boolean refused = false;
    boolean interrupted = false;
    Duration pause = FIRST_PAUSE;
    long sendAfter = System.nanoTime();
    while (inFlight > 0 || (!refused && !todo.isEmpty())) {
      boolean maySend = !refused && !todo.isEmpty() && inFlight < inFlightLimit;
      if (maySend && System.nanoTime() >= sendAfter) {
        Start start = todo.poll();
        inFlight++;
        long sentAt = System.nanoTime();
        try {
          workflow.startAsync(start.debtId(), start.point())
              .whenComplete((key, failure) -> done.add(new Outcome(start, sentAt, key, failure)));
        } catch (RuntimeException e) {
          done.add(new Outcome(start, sentAt, null, e));
        }
        continue;
      }
      Outcome outcome;
      try {
        long wait = maySend ? Math.max(0, sendAfter - System.nanoTime()) : NO_ANSWER.toNanos();
        outcome = done.poll(wait, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        // shutting down: send nothing more, but record the instances already asked for
        interrupted = true;
        refused = true;
        continue;
      }
      if (outcome == null) {
        if (!maySend) {
          LOG.warn("{} case starts got no answer from the engine; they are left to the retry", inFlight);
          refused = true;
          break;
        }
        continue;
      }
      inFlight--;
      Throwable failure = outcome.failure() instanceof CompletionException c ? c.getCause() : outcome.failure();
      if (failure == null) {
        created.accept(outcome.start(), outcome.key());
        started++;
        startsSent.increment();
        pause = FIRST_PAUSE;
        boolean slow = System.nanoTime() - outcome.sentAt() > SLOW_ANSWER.toNanos();
        inFlightLimit = slow ? Math.max(1, inFlightLimit / 2) : Math.min(window, inFlightLimit + 1);
      } else if (failure instanceof EngineBusyException) {
        startsRefusedBusy.increment();
        inFlightLimit = Math.max(1, inFlightLimit / 2);
        todo.addFirst(outcome.start()); // never dropped: sent again after a pause that grows while it lasts
        sendAfter = System.nanoTime() + pause.toNanos();
        pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
      } else {
        LOG.warn("Could not start the process of case {}: {}", outcome.start().debtId(), failure.getMessage());
        refused = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return new Sent(started, refused);
  }
}
