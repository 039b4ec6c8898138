package org.opencollections.casefile;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.opencollections.compliance.HoldStarted;
import org.opencollections.compliance.HoldsReleased;
import org.opencollections.intake.DebtRegistered;
import org.opencollections.ledger.CaseReopened;
import org.opencollections.ledger.PaymentPosted;
import org.opencollections.legal.LegalOutcomeReported;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.aop.interceptor.AsyncUncaughtExceptionHandler;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.AsyncConfigurer;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The one way the engine hears about what the database committed (a transactional outbox). Domain services
 * publish their events inside their transaction; Spring Modulith's event publication registry stores each one
 * in {@code event_publication} in that same transaction. After the commit each is delivered here, on the
 * outbox's own threads, and leaves the table only when the engine has it. What is left (the engine was
 * unreachable, the application stopped or crashed in between) is sent again every
 * {@code collections.outbox.retry-every} until it gets through, after a restart too. Every delivery is
 * idempotent in the engine (a message id per event; starting a case that has an instance is a no-op), so a
 * second delivery of the same event is harmless.
 */
@Component
public class EngineOutbox {

  private static final Logger LOG = LoggerFactory.getLogger(EngineOutbox.class);
  static final String EXECUTOR = "engineOutboxExecutor";

  private final CaseWorkflow workflow;
  private final CaseStarter starter;
  private final IncompleteEventPublications incomplete;
  private final JdbcTemplate jdbc;
  private final Duration retryAfter;
  private final MeterRegistry meters;
  private final Counter retried;
  private final Clock clock;

  EngineOutbox(
      CaseWorkflow workflow, CaseStarter starter, IncompleteEventPublications incomplete, JdbcTemplate jdbc,
      MeterRegistry meters, Clock clock, @Value("${collections.outbox.retry-after:PT30S}") Duration retryAfter) {
    this.clock = clock;
    this.workflow = workflow;
    this.starter = starter;
    this.incomplete = incomplete;
    this.jdbc = jdbc;
    this.retryAfter = retryAfter;
    this.meters = meters;
    Gauge.builder("collections.outbox.pending", this, EngineOutbox::pending)
        .description("Events committed in the database that the engine has not confirmed yet")
        .register(meters);
    this.retried = Counter.builder("collections.outbox.retried")
        .description("Deliveries sent again because the first did not get through").register(meters);
  }

  @Async(EXECUTOR)
  @TransactionalEventListener
  void on(DebtRegistered event) {
    starter.startNow(event.debtId()); // a start the engine refuses now is made by the starter's next round
    delivered(event);
  }

  @Async(EXECUTOR)
  @TransactionalEventListener
  void on(PaymentPosted event) {
    workflow.paymentReceived(event.debtId(), event.reference(), event.paidInFull());
    delivered(event);
  }

  @Async(EXECUTOR)
  @TransactionalEventListener
  void on(CaseReopened event) {
    starter.startNow(event.debtId());
    delivered(event);
  }

  @Async(EXECUTOR)
  @TransactionalEventListener
  void on(HoldStarted event) {
    workflow.holdStarted(event.debtId(), event.holdId(), event.kind().name());
    delivered(event);
  }

  @Async(EXECUTOR)
  @TransactionalEventListener
  void on(HoldsReleased event) {
    workflow.holdsReleased(event.debtId(), event.holdId());
    delivered(event);
  }

  @Async(EXECUTOR)
  @TransactionalEventListener
  void on(LegalOutcomeReported event) {
    workflow.legalOutcomeReceived(event.debtId(), event.outcome().name(), event.reference());
    delivered(event);
  }

  private void delivered(Object event) {
    meters.counter("collections.outbox.delivered", "event", event.getClass().getSimpleName()).increment();
  }

  /** Sends again what has waited longer than {@code retry-after}: the engine was unreachable, or we stopped. */
  @Scheduled(initialDelayString = "${collections.outbox.retry-every:PT15S}", fixedDelayString = "${collections.outbox.retry-every:PT15S}")
  void resubmit() {
    // the registry stamps publications with the application's clock (simulated in embedded mode)
    Long waiting =
        jdbc.queryForObject(
            "select count(*) from event_publication where completion_date is null and publication_date < ?",
            Long.class, java.sql.Timestamp.from(clock.instant().minus(retryAfter)));
    if (waiting != null && waiting > 0) {
      LOG.info("Sending {} events again that the engine has not confirmed", waiting);
      retried.increment(waiting);
      incomplete.resubmitIncompletePublicationsOlderThan(retryAfter);
    }
  }

  /** Events committed that the engine has not confirmed yet. */
  public long pending() {
    Long n = jdbc.queryForObject("select count(*) from event_publication where completion_date is null", Long.class);
    return n == null ? 0 : n;
  }

  @Configuration
  @EnableAsync
  static class Threads implements AsyncConfigurer {

    /**
     * A delivery that did not get through stays in the outbox and is sent again: a warning, not an error
     * with a stack trace (there are no other asynchronous methods in the application).
     */
    @Override
    public AsyncUncaughtExceptionHandler getAsyncUncaughtExceptionHandler() {
      return (failure, method, params) ->
          LOG.warn("The engine did not take {} ({}); it stays in the outbox and is sent again",
              params.length == 1 ? params[0] : method.getName(), failure.toString());
    }

    /** Two threads: a start waiting behind a bulk import does not hold up a payment's notice for long. */
    @Bean(EXECUTOR)
    ThreadPoolTaskExecutor engineOutboxExecutor() {
      ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
      executor.setThreadNamePrefix("engine-outbox-");
      executor.setCorePoolSize(2);
      executor.setMaxPoolSize(2);
      executor.setWaitForTasksToCompleteOnShutdown(false); // what is not delivered stays in the outbox
      return executor;
    }
  }
}
