package org.opencollections.engine;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencollections.tasks.OpenUserTask;
import org.opencollections.tasks.UserTaskGateway;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** User tasks of a Camunda 8 cluster, through its REST API (the same tasks Tasklist shows). */
@Component
@ConditionalOnProperty(name = "collections.mode", havingValue = "cluster")
class ClusterUserTasks implements UserTaskGateway {

  private static final int PAGE = 1000;

  private final CamundaClient client;
  private final Models models;

  ClusterUserTasks(CamundaClient client, Models models) {
    this.client = client;
    this.models = models;
  }

  @Override
  public List<OpenUserTask> openTasks() {
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
        models.formOf(task.getElementId()));
  }
}
