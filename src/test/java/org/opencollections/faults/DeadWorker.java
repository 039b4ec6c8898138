package org.opencollections.faults;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.annotation.value.JobWorkerValue;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobHandler;
import io.camunda.client.api.worker.JobWorker;
import io.camunda.client.jobhandling.JobWorkerManager;
import io.camunda.connector.api.document.Document;
import io.camunda.connector.api.document.DocumentCreationRequest;
import io.camunda.connector.api.outbound.JobContext;
import io.camunda.connector.api.outbound.OutboundConnectorContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationContext;

/**
 * Plays a worker of the application that takes a real job and dies with it. While it holds the job type, the
 * application's own worker of that type is closed (as if this were the only instance up that streams it), so
 * the engine hands the job to this one; {@link #close()} brings the application's worker back, which takes
 * the job once the engine times it out.
 */
final class DeadWorker implements AutoCloseable {

  private final CamundaClient client;
  private final JobWorkerManager manager;
  private final JobWorkerValue value;
  private final JobHandler handler;
  private final String type;
  private boolean resumed;

  private DeadWorker(CamundaClient client, JobWorkerManager manager, JobWorkerValue value, JobHandler handler, String type) {
    this.client = client;
    this.manager = manager;
    this.value = value;
    this.handler = handler;
    this.type = type;
  }

  /** Closes the application's worker of this job type (the handler is kept to open it again). */
  @SuppressWarnings("unchecked")
  static DeadWorker takeOver(ApplicationContext app, String type) {
    JobWorkerManager manager = app.getBean(JobWorkerManager.class);
    try {
      List<JobWorker> workers = (List<JobWorker>) field(manager, "openedWorkers");
      List<JobWorkerValue> values = (List<JobWorkerValue>) field(manager, "workerValues");
      for (int i = workers.size() - 1; i >= 0; i--) { // the manager adds a worker and its value together
        if (values.get(i).getType().equals(type) && workers.get(i).isOpen()) {
          JobWorker worker = workers.get(i);
          JobHandler handler = (JobHandler) field(field(worker, "jobHandlerFactory"), "handler");
          worker.close();
          return new DeadWorker(app.getBean(CamundaClient.class), manager, values.get(i), handler, type);
        }
      }
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Cannot reach the application's job workers", e);
    }
    throw new IllegalStateException("The application has no open worker of type " + type);
  }

  /** Activates the job of this type that belongs to the debt (waits for it), with this timeout. */
  ActivatedJob activate(String debtId, Duration timeout) {
    return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
      List<ActivatedJob> jobs =
          client.newActivateJobsCommand().jobType(type).maxJobsToActivate(32).workerName("fault-suite-dying-worker")
              .timeout(timeout).requestTimeout(Duration.ofSeconds(2)).send().join().getJobs();
      // jobs of other cases that came along are left to time out: the application's worker does them later
      return jobs.stream().filter(j -> debtId.equals(j.getVariablesAsMap().get("debtId"))).findFirst().orElse(null);
    }, j -> j != null);
  }

  /** The application's worker of the type is open again. */
  @Override
  public void close() {
    if (!resumed) {
      resumed = true;
      manager.openWorker(client, value, handler);
    }
  }

  private static Object field(Object target, String name) throws ReflectiveOperationException {
    Class<?> c = target.getClass();
    while (c != null) {
      try {
        Field f = c.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(target);
      } catch (NoSuchFieldException e) {
        c = c.getSuperclass();
      }
    }
    throw new NoSuchFieldException(name);
  }

  /** The connector's context for a job as this worker activated it: its variables bound, nothing else. */
  static OutboundConnectorContext connectorContext(ActivatedJob job) {
    ObjectMapper json = new ObjectMapper().findAndRegisterModules()
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    JobContext context = new JobContext() {
      @Override public Map<String, String> getCustomHeaders() { return job.getCustomHeaders(); }
      @Override public String getVariables() { return job.getVariables(); }
      @Override public String getType() { return job.getType(); }
      @Override public long getProcessInstanceKey() { return job.getProcessInstanceKey(); }
      @Override public String getBpmnProcessId() { return job.getBpmnProcessId(); }
      @Override public int getProcessDefinitionVersion() { return job.getProcessDefinitionVersion(); }
      @Override public long getProcessDefinitionKey() { return job.getProcessDefinitionKey(); }
      @Override public String getElementId() { return job.getElementId(); }
      @Override public long getElementInstanceKey() { return job.getElementInstanceKey(); }
      @Override public String getTenantId() { return job.getTenantId(); }
    };
    return new OutboundConnectorContext() {
      @Override public JobContext getJobContext() { return context; }

      @Override public <T> T bindVariables(Class<T> cls) {
        try {
          return json.readValue(job.getVariables(), cls);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }

      @Override public Document create(DocumentCreationRequest request) {
        throw new UnsupportedOperationException("no documents here");
      }

      @Override public Document resolve(io.camunda.connector.api.document.DocumentReference reference) {
        throw new UnsupportedOperationException("no documents here");
      }
    };
  }
}
