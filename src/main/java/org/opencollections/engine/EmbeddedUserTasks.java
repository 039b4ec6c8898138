package org.opencollections.engine;

import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.UserTaskIntent;
import io.camunda.zeebe.protocol.record.value.UserTaskRecordValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencollections.tasks.OpenUserTask;
import org.opencollections.tasks.UserTaskGateway;
import org.opencollections.web.ConflictException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** User tasks of the in-process engine, followed from its record stream (it has no task search API). */
@Component
@ConditionalOnProperty(name = "collections.mode", havingValue = "embedded", matchIfMissing = true)
class EmbeddedUserTasks implements UserTaskGateway {

  private static final Duration COMPLETION_TIMEOUT = Duration.ofSeconds(15);
  private static final int REMEMBERED_OUTCOMES = 10_000;

  private final EmbeddedEngine engine;
  private final Models models;
  private final Map<Long, OpenUserTask> open = new LinkedHashMap<>();
  /** Recently finished or rejected tasks: key → null when completed, the rejection reason otherwise. */
  private final Map<Long, String> outcomes =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, String> eldest) {
          return size() > REMEMBERED_OUTCOMES;
        }
      };
  private int position;

  EmbeddedUserTasks(EmbeddedEngine engine, Models models) {
    this.engine = engine;
    this.models = models;
  }

  @Override
  public synchronized List<OpenUserTask> openTasks() {
    catchUp();
    List<OpenUserTask> tasks = new ArrayList<>(open.values());
    tasks.sort(Comparator.comparingInt(OpenUserTask::priority).reversed().thenComparingLong(OpenUserTask::key));
    return tasks;
  }

  @Override
  public synchronized Optional<OpenUserTask> find(long key) {
    catchUp();
    return Optional.ofNullable(open.get(key));
  }

  @Override
  public void complete(long key, Map<String, Object> variables) {
    synchronized (this) {
      catchUp();
      if (!open.containsKey(key)) {
        throw new ConflictException("Task " + key + " is not open");
      }
    }
    engine.completeUserTask(key, variables);
    Instant deadline = Instant.now().plus(COMPLETION_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      synchronized (this) {
        catchUp();
        if (outcomes.containsKey(key)) {
          String rejection = outcomes.get(key);
          if (rejection != null) {
            throw new ConflictException("The engine refused to complete task " + key + ": " + rejection);
          }
          return;
        }
      }
      sleep();
    }
    throw new IllegalStateException("The engine did not confirm the completion of task " + key + " in time");
  }

  private void catchUp() {
    position = engine.readRecords(position, this::apply);
  }

  private void apply(Record<?> record) {
    if (record.getValueType() != ValueType.USER_TASK) {
      return;
    }
    UserTaskRecordValue task = (UserTaskRecordValue) record.getValue();
    long key = task.getUserTaskKey();
    if (record.getRecordType() == RecordType.COMMAND_REJECTION) {
      if (record.getIntent() == UserTaskIntent.COMPLETE) {
        outcomes.put(key, record.getRejectionType() + ": " + record.getRejectionReason());
      }
      return;
    }
    if (record.getRecordType() != RecordType.EVENT) {
      return;
    }
    if (record.getIntent() == UserTaskIntent.CREATED) {
      open.put(
          key,
          new OpenUserTask(
              key,
              task.getElementId(),
              task.getProcessInstanceKey(),
              task.getCandidateGroupsList(),
              task.getDueDate(),
              task.getPriority(),
              models.formOf(task.getElementId())));
    } else if (record.getIntent() == UserTaskIntent.COMPLETED || record.getIntent() == UserTaskIntent.CANCELED) {
      open.remove(key);
      outcomes.put(key, null);
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the engine", e);
    }
  }
}
