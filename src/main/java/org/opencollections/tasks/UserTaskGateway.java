package org.opencollections.tasks;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and completes Camunda user tasks. Against a cluster this is Camunda's REST API; in embedded mode
 * the in-process engine has no REST gateway, so the engine package reads its record stream instead.
 */
public interface UserTaskGateway {

  List<OpenUserTask> openTasks();

  Optional<OpenUserTask> find(long key);

  /** Completes the task; returns once the engine has accepted the completion. */
  void complete(long key, Map<String, Object> variables);
}
