package org.opencollections.engine;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.exception.BpmnError;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.annotation.Around;
import org.aspectj.lang.annotation.Aspect;
import org.springframework.stereotype.Component;

/**
 * How long each worker takes, per job type and outcome: {@code collections.worker.handling} (a timer, so
 * count, total and maximum; percentiles where the registry keeps them). With the Camunda client's own
 * {@code camunda.job.invocations} (activated, completed, failed, bpmn-error per type) and
 * {@link JobFailurePolicy}'s {@code collections.worker.incidents}, an operator sees which worker is slow,
 * failing or raising incidents. Around every {@link JobWorker} method, whatever feature it belongs to.
 */
@Aspect
@Component
class WorkerMetrics {

  static final String HANDLING = "collections.worker.handling";

  private final MeterRegistry meters;

  WorkerMetrics(MeterRegistry meters) {
    this.meters = meters;
  }

  @Around("@annotation(worker)")
  Object time(ProceedingJoinPoint call, JobWorker worker) throws Throwable {
    long start = System.nanoTime();
    String outcome = "completed";
    try {
      return call.proceed();
    } catch (BpmnError e) {
      outcome = "bpmn-error";
      throw e;
    } catch (Throwable e) {
      outcome = "failed";
      throw e;
    } finally {
      Timer.builder(HANDLING)
          .description("Time a worker spent on one job, by job type and outcome (completed, failed, bpmn-error)")
          .tag("type", worker.type())
          .tag("outcome", outcome)
          .register(meters)
          .record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
    }
  }
}
