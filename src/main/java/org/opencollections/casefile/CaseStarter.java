package org.opencollections.casefile;

import org.opencollections.timeline.CaseEventType;
import org.opencollections.timeline.Timeline;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.opencollections.casefile.ResumePlanning.Start;
import org.opencollections.intake.DebtRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Limit;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gives every open case a running process instance: starts new cases, and resumes at its recorded stage
 * every open case whose instance is gone (the engine's data directory was deleted, a case runs on another
 * cluster than before, a closed case was reopened).
 *
 * <p>One mechanism for every bulk start (resumption after a restart, the periodic retry, portfolio imports):
 * {@link #startAll} reads a batch of cases without a process from the database under one lock, decides where
 * each starts ({@link ResumePlanning}), sends the starts at the engine's pace ({@link StartPacing}: a window
 * in flight, backing off while the engine pushes back), waits while the workers are behind (too many started
 * cases still await their first step: {@link WorkerBacklog}), and attaches each instance as it is created. The next batch is read only when the previous one is done, so no case is
 * started twice and a restart continues where the database says it stopped.
 */
@Service
public class CaseStarter {

  private static final Logger LOG = LoggerFactory.getLogger(CaseStarter.class);
  /** Cases younger than this are left to the request that created them. */
  private static final Duration GRACE = Duration.ofSeconds(30);
  /** At start-up no request is creating cases yet: every open case without a live instance is resumed. */
  private static final Instant EVERY_CASE = Instant.parse("9999-01-01T00:00:00Z");
  /** How long a bulk start waits for the workers to catch up before leaving the rest to its next round. */
  private static final Duration WORKER_PATIENCE = Duration.ofSeconds(10);

  private final DebtRepository debts;
  private final CaseWorkflow workflow;
  private final Timeline timeline;
  private final ResumePlanning planning;
  private final StartPacing pacing;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final WorkerBacklog workers;
  /** Bulk starts pause while this many started cases still wait for their first step (0: no bound). */
  private final int maxAwaitingFirstStep;
  private final Counter startsPausedForWorkers;
  /** Fair: a single reopened case waits for at most one batch of a bulk start. */
  private final ReentrantLock lock = new ReentrantLock(true);
  private final AtomicBoolean retrying = new AtomicBoolean();
  private volatile boolean startupDone;
  private final ExecutorService retryThread =
      Executors.newSingleThreadExecutor(Thread.ofPlatform().name("case-start-retry").daemon().factory());

  public CaseStarter(
      DebtRepository debts, CaseWorkflow workflow, Timeline timeline, ResumePlanning planning, StartPacing pacing,
      TransactionTemplate tx, Clock clock,
      @Value("${collections.cases.max-awaiting-first-step:48}") int maxAwaitingFirstStep, WorkerBacklog workers,
      MeterRegistry meters) {
    this.debts = debts;
    this.workflow = workflow;
    this.timeline = timeline;
    this.planning = planning;
    this.pacing = pacing;
    this.tx = tx;
    this.clock = clock;
    this.maxAwaitingFirstStep = maxAwaitingFirstStep;
    this.workers = workers;
    this.startsPausedForWorkers =
        Counter.builder("collections.cases.start-pauses")
            .description("Times a bulk start paused because too many started cases still awaited their first step")
            .register(meters);
  }

  /**
   * How far a bulk start got: {@code finished} when no case of the backlog is left without a process;
   * {@code workersBehind} when it stopped only to let the workers catch up (go on at once if you can wait).
   */
  public record Progress(int started, boolean finished, boolean workersBehind) {}

  /**
   * Gives one open case without a process on this engine its instance now: a case just committed (at its
   * beginning) or one reopened (at its stage). It takes the same lock as every bulk start, which may be
   * looking at the same case (the start-up round, an import, the retry), so the case starts exactly once. A
   * failure leaves it for the retry.
   */
  public void startNow(UUID debtId) {
    lock.lock();
    try {
      if (send(List.of(debtId)).refused()) {
        LOG.warn("Could not start the process of case {} now; it will be retried", debtId);
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * The instance with this key is gone while its case may still be open (someone cancelled it in the engine or
   * in Operate): the case is detached from it, says so in the log, and is started again at its stage.
   */
  public void instanceGone(long processInstanceKey, String why) {
    UUID debtId =
        tx.execute(
            s ->
                debts.findByProcessInstanceKeyAndEngineEpoch(processInstanceKey, workflow.epoch())
                    .filter(d -> !d.status().closed())
                    .map(d -> {
                      debts.detachProcess(d.id(), processInstanceKey);
                      return d.id();
                    })
                    .orElse(null));
    if (debtId != null) {
      LOG.warn(
          "The process instance {} of the open case {} is gone ({}): the case is started again at its stage",
          processInstanceKey, debtId, why);
      startNow(debtId);
    }
  }

  /**
   * The start-up round: every open case without an instance on this engine gets one. On the durable embedded
   * engine and on a cluster these are only cases whose start was cut off (a crash during an import) or, when
   * the engine is new (its data directory was deleted, or another cluster), every open case: it says so.
   * Health reports UP only after this round ({@link StartupHealth}).
   */
  @EventListener(ApplicationReadyEvent.class)
  public void resumeAfterStart() {
    try {
      long lost = debts.countOpenOnOtherEngines(workflow.epoch());
      if (lost > 0) {
        LOG.warn(
            "{} open cases ran on another engine than this one ({}): their process instances are gone, so each"
                + " is started again at the stage it had reached", lost, workflow.epoch());
      }
      int resumed = startAll(lostBefore(EVERY_CASE)).started();
      if (resumed > 0) {
        LOG.info("Started or resumed {} open cases that had no process instance", resumed);
      }
    } finally {
      startupDone = true;
    }
  }

  /** Whether the start-up round is over. */
  public boolean startupDone() {
    return startupDone;
  }

  /** On its own thread, so a long backlog does not hold up the other schedules. */
  @Scheduled(
      initialDelayString = "${collections.resume.retry-interval:PT1M}",
      fixedDelayString = "${collections.resume.retry-interval:PT1M}")
  public void retry() {
    if (retrying.compareAndSet(false, true)) {
      retryThread.execute(
          () -> {
            try {
              startAll(lostBefore(clock.instant().minus(GRACE)));
            } finally {
              retrying.set(false);
            }
          });
    }
  }

  @PreDestroy
  void stop() {
    retryThread.shutdownNow();
  }

  private CaseBacklog lostBefore(Instant createdBefore) {
    return (epoch, limit) -> debts.findOpenWithoutProcessOn(epoch, createdBefore, Limit.of(limit));
  }

  /**
   * Gives every case of the backlog a process instance, at the pace the engine accepts. Stops early only
   * when the engine refuses a start for a reason other than backpressure; what is left stays in the
   * database for the next call.
   */
  public Progress startAll(CaseBacklog backlog) {
    int started = 0;
    while (true) {
      int room = workers.awaitRoom(maxAwaitingFirstStep, WORKER_PATIENCE, workflow.epoch());
      if (room == 0) {
        startsPausedForWorkers.increment();
        return new Progress(started, false, true);
      }
      lock.lock();
      try {
        // no more than the workers have room for: the queue in front of a case registered by hand stays short
        List<UUID> next = backlog.next(workflow.epoch(), Math.min(pacing.batch(), room));
        if (next.isEmpty()) {
          return new Progress(started, true, false);
        }
        StartPacing.Sent sent = send(next);
        started += sent.started();
        if (sent.refused() || sent.started() == 0) {
          return new Progress(started, false, false);
        }
      } finally {
        lock.unlock();
      }
    }
  }

  /** Sends the starts of these cases at the engine's pace; caller holds the lock. */
  private StartPacing.Sent send(List<UUID> ids) {
    List<Start> starts = new ArrayList<>();
    for (UUID id : ids) {
      Start start = tx.execute(s -> planning.plan(id));
      if (start != null) {
        starts.add(start);
      }
    }
    return pacing.send(starts, this::attach);
  }

  private void attach(Start start, long key) {
    tx.executeWithoutResult(
        s -> {
          debts.attachProcess(start.debtId(), key, workflow.epoch());
          if (start.point() != null) {
            timeline.record(
                start.debtId(),
                CaseEventType.CASE_RESUMED,
                "Process started at stage " + start.point().stage(),
                Map.of("stage", start.point().stage().name(), "processInstanceKey", key));
          }
        });
  }
}
