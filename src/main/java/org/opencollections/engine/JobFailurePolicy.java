package org.opencollections.engine;

import io.camunda.client.exception.BpmnError;
import io.camunda.client.exception.JobError;
import io.camunda.client.jobhandling.CommandExceptionHandlingStrategy;
import io.camunda.client.jobhandling.DefaultJobExceptionHandlingStrategy;
import io.camunda.client.jobhandling.JobExceptionHandlingStrategy;
import io.camunda.client.metrics.MetricsRecorder;
import java.time.Duration;
import org.opencollections.platform.DatabaseUnavailable;
import org.opencollections.platform.InvalidInputException;
import org.opencollections.platform.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What happens when a worker throws. Bad input (a form value a person must correct, an unknown case) will
 * not get better by retrying: the job fails with no retries left and becomes an incident that says what
 * to fix. Any other failure is technical: the job is retried after a growing pause, then becomes an
 * incident an operator can retry in Operate. A database that cannot be reached is nobody's fault: the job waits
 * for it (tried again every 10 s, its retries kept). BPMN errors keep their usual handling.
 */
@Component
class JobFailurePolicy implements JobExceptionHandlingStrategy {

  private static final Logger LOG = LoggerFactory.getLogger(JobFailurePolicy.class);
  private static final Duration FIRST_BACKOFF = Duration.ofSeconds(10);
  private static final Duration DATABASE_BACKOFF = Duration.ofSeconds(10);

  private final DefaultJobExceptionHandlingStrategy defaults;
  private final MetricsRecorder metrics;
  private final io.micrometer.core.instrument.MeterRegistry meters;

  JobFailurePolicy(
      CommandExceptionHandlingStrategy commands, MetricsRecorder metrics, io.micrometer.core.instrument.MeterRegistry meters) {
    this.defaults = new DefaultJobExceptionHandlingStrategy(commands, metrics);
    this.metrics = metrics;
    this.meters = meters;
  }

  @Override
  public void handleException(Exception e, ExceptionHandlingContext context) throws Exception {
    if (e instanceof BpmnError || e instanceof JobError) {
      defaults.handleException(e, context);
      return;
    }
    Throwable cause = rootOfInterest(e);
    var job = context.job();
    if (DatabaseUnavailable.is(e)) {
      // not the job's fault: it is tried again, with its retries intact, until the database is back
      LOG.warn("Job {} ({} at {}) waits for the database: {}", job.getKey(), job.getType(), job.getElementId(), cause.toString());
      metrics.increase(MetricsRecorder.METRIC_NAME_JOB, MetricsRecorder.ACTION_FAILED, job.getType());
      context.jobClient()
          .newFailCommand(job)
          .retries(Math.max(job.getRetries(), 1))
          .retryBackoff(DATABASE_BACKOFF)
          .errorMessage("Waiting for the database: " + cause)
          .send();
      return;
    }
    boolean badInput = cause instanceof InvalidInputException || cause instanceof NotFoundException;
    int retries = badInput ? 0 : Math.max(job.getRetries() - 1, 0);
    // 10 s with two retries left, 20 s with one (three retries by default)
    Duration backoff = FIRST_BACKOFF.multipliedBy(1L << Math.min(6, Math.max(0, 2 - retries)));
    String message = (badInput ? "Bad input, fix the variables and retry: " : "") + cause;
    LOG.warn("Job {} ({} at {}) failed, {} retries left: {}", job.getKey(), job.getType(), job.getElementId(), retries, message);
    // as the client's default strategy counts a failure (ours replaces it)
    metrics.increase(MetricsRecorder.METRIC_NAME_JOB, MetricsRecorder.ACTION_FAILED, job.getType());
    if (retries == 0) {
      io.micrometer.core.instrument.Counter.builder("collections.worker.incidents")
          .description("Jobs that failed with no retries left, so an incident waits for a person; cause bad-input"
              + " (the variables must be corrected) or retries-exhausted (a technical failure that kept failing)")
          .tag("type", job.getType())
          .tag("cause", badInput ? "bad-input" : "retries-exhausted")
          .register(meters)
          .increment();
    }
    context.jobClient()
        .newFailCommand(job)
        .retries(retries)
        .retryBackoff(retries > 0 ? backoff : Duration.ZERO)
        .errorMessage(message.length() > 4000 ? message.substring(0, 4000) : message)
        .send();
  }

  /** The exception the worker's own code threw, without the reflection wrappers around it. */
  private static Throwable rootOfInterest(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null
        && !(t instanceof InvalidInputException)
        && !(t instanceof NotFoundException)
        && (t instanceof java.lang.reflect.InvocationTargetException || t.getClass() == RuntimeException.class)) {
      t = t.getCause();
    }
    return t;
  }
}
