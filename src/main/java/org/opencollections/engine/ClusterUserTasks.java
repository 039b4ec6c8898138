package org.opencollections.engine;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencollections.tasks.OpenUserTask;
import org.opencollections.tasks.UserTaskGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * User tasks of a Camunda 8 cluster, through its REST API (the same tasks Tasklist shows). A Camunda 8.6 gateway
 * (the no-Docker full stack) gets its own search requests: see {@link Camunda86UserTaskSearch}.
 */
@Component
@ConditionalOnProperty(name = "collections.mode", havingValue = "cluster")
class ClusterUserTasks implements UserTaskGateway {

  private static final int PAGE = 1000;

  private static final Logger LOG = LoggerFactory.getLogger(ClusterUserTasks.class);

  private final CamundaClient client;
  private final Models models;
  private final Camunda86UserTaskSearch camunda86;
  private volatile Boolean gateway86;

  ClusterUserTasks(CamundaClient client, Models models) {
    this.client = client;
    this.models = models;
    this.camunda86 = new Camunda86UserTaskSearch(client.getConfiguration(), models);
  }

  /** Whether the gateway is Camunda 8.6 (asked once, over gRPC, when the first task is read). */
  private boolean gateway86() {
    Boolean known = gateway86;
    if (known == null) {
      String version = client.newTopologyRequest().send().join().getGatewayVersion();
      known = version != null && version.startsWith("8.6.");
      if (known) {
        LOG.info("Camunda {} gateway: user tasks are searched with the 8.6 alpha search API", version);
      }
      gateway86 = known;
    }
    return known;
  }

  @Override
  public List<OpenUserTask> openTasks() {
    if (gateway86()) {
      return camunda86.openTasks(CollectionProcess.PROCESS_ID, PAGE);
    }
    return client
        .newUserTaskSearchRequest()
        .filter(f -> f.state(UserTaskState.CREATED).bpmnProcessId(CollectionProcess.PROCESS_ID))
        .sort(s -> s.priority().desc())
        .page(p -> p.limit(PAGE))
        .send()
        .join()
        .items()
        .stream()
        .map(this::toOpenTask)
        .toList();
  }

  @Override
  public Optional<OpenUserTask> find(long key) {
    if (gateway86()) {
      return camunda86.find(key);
    }
    UserTask task = client.newUserTaskGetRequest(key).send().join();
    return task.getState() == UserTaskState.CREATED ? Optional.of(toOpenTask(task)) : Optional.empty();
  }

  @Override
  public void complete(long key, Map<String, Object> variables) {
    client.newCompleteUserTaskCommand(key).variables(variables).send().join();
  }

  private OpenUserTask toOpenTask(UserTask task) {
    return new OpenUserTask(
        task.getUserTaskKey(),
        task.getElementId(),
        task.getProcessInstanceKey(),
        task.getCandidateGroups(),
        task.getDueDate() == null ? null : task.getDueDate().toString(),
        task.getPriority() == null ? 0 : task.getPriority(),
        models.formOf(task.getElementId()),
        task.getElementInstanceKey() == null ? 0 : task.getElementInstanceKey());
  }
}
