package org.opencollections.engine.embedded;

import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceCreationIntent;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import io.camunda.zeebe.protocol.record.intent.UserTaskIntent;
import io.camunda.zeebe.protocol.record.value.BpmnElementType;
import io.camunda.zeebe.protocol.record.value.ProcessInstanceCreationRecordValue;
import io.camunda.zeebe.protocol.record.value.ProcessInstanceRecordValue;
import io.camunda.zeebe.protocol.record.value.UserTaskRecordValue;
import jakarta.annotation.PreDestroy;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.opencollections.casefile.CaseStarter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Follows the embedded engine's record stream from the position it has stored, and keeps in PostgreSQL what
 * the application needs of it, in one transaction with the new position:
 *
 * <ul>
 *   <li>the open user tasks ({@code engine_user_task}: the engine has no task search API);
 *   <li>a whole instance terminated (someone cancelled it, say with zbctl): its case, if still open, is
 *       started again at its stage ({@link CaseStarter#instanceGone});
 *   <li>every process instance created for a case ({@code engine_process_instance}), and on its debt: a
 *       start whose answer a crash cut off (the engine had created the instance, the application had not
 *       yet stored its key) is attached here after the restart, instead of the case being started again.
 * </ul>
 *
 * It reads only what is on disk, keeps nothing of the stream in the heap, and the engine keeps its log until
 * this reader has stored what it read. A new engine (its data directory was deleted) starts it afresh.
 */
@Component
@ConditionalOnProperty(name = "collections.mode", havingValue = "embedded", matchIfMissing = true)
class EngineRecordsReader {

  private static final Logger LOG = LoggerFactory.getLogger(EngineRecordsReader.class);
  private static final String READER = "application";
  /** User tasks, created instances, and terminated elements (one of them may be a whole instance cancelled). */
  private static final EmbeddedEngine.RecordFilter WANTED =
      (type, intent) -> type == ValueType.USER_TASK
          || (type == ValueType.PROCESS_INSTANCE_CREATION && intent == ProcessInstanceCreationIntent.CREATED)
          || (type == ValueType.PROCESS_INSTANCE && intent == ProcessInstanceIntent.ELEMENT_TERMINATED);
  /** How often the position is stored when nothing else changed (it bounds the log the engine keeps). */
  private static final Duration POSITION_EVERY = Duration.ofSeconds(5);

  private final EmbeddedEngine engine;
  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  /** Task completions someone waits for: task key → the rejection, or "" once completed. */
  private final Map<Long, String> outcomes = new ConcurrentHashMap<>();
  private final Set<Long> awaited = ConcurrentHashMap.newKeySet();
  private final CaseStarter starter;
  /** Cases whose instance someone cancelled get a new one at their stage, off the reader's thread. */
  private final ExecutorService lostInstances =
      Executors.newSingleThreadExecutor(Thread.ofPlatform().name("lost-instances").daemon().factory());
  private final ScheduledExecutorService follower =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("engine-records").daemon().factory());
  private long position;
  private volatile long stored;
  private long storedAt;

  EngineRecordsReader(EmbeddedEngine engine, JdbcTemplate jdbc, TransactionTemplate tx, CaseStarter starter) {
    this.engine = engine;
    this.starter = starter;
    this.jdbc = jdbc;
    this.tx = tx;
    List<Map<String, Object>> rows =
        jdbc.queryForList("select engine_id, position from engine_record_reader where reader = ?", READER);
    if (!rows.isEmpty() && engine.epoch().equals(rows.getFirst().get("engine_id"))) {
      position = ((Number) rows.getFirst().get("position")).longValue();
    } else {
      if (!rows.isEmpty()) {
        LOG.warn("The engine is new (id {}): its records are read afresh", engine.epoch());
      }
      tx.executeWithoutResult(
          s -> {
            jdbc.update("delete from engine_user_task");
            storePosition(0);
          });
      position = 0;
    }
    stored = position;
    engine.retainLogFor(() -> stored);
    catchUp(); // before anything reads tasks or starts cases: what the engine did before a crash is known
    follower.scheduleWithFixedDelay(this::catchUpQuietly, 50, 50, TimeUnit.MILLISECONDS);
  }

  @PreDestroy
  void stop() {
    follower.shutdownNow();
    lostInstances.shutdownNow();
  }

  /** Wants to hear how the completion of this task ends ({@link #outcome}). */
  void await(long taskKey) {
    awaited.add(taskKey);
  }

  /** Null while nothing is known yet; "" once completed; otherwise why the engine refused. */
  String outcome(long taskKey) {
    return outcomes.get(taskKey);
  }

  void forget(long taskKey) {
    awaited.remove(taskKey);
    outcomes.remove(taskKey);
  }

  /** The position up to which what the engine recorded is stored. */
  long position() {
    return stored;
  }

  private void catchUpQuietly() {
    try {
      catchUp();
    } catch (RuntimeException e) {
      LOG.warn("Could not store what the engine recorded now; trying again: {}", e.getMessage());
    }
  }

  /** Reads what reached the engine's disk since the stored position, and stores it with the new position. */
  synchronized void catchUp() {
    long durable = engine.durablePosition();
    if (durable <= position && stored == position) {
      return;
    }
    Map<Long, UserTaskRecordValue> created = new LinkedHashMap<>();
    Set<Long> ended = new HashSet<>();
    List<Map.Entry<UUID, Long>> instances = new ArrayList<>(); // in log order: duplicates stay visible
    List<Long> cancelled = new ArrayList<>();
    long last = engine.readRecords(position, durable, WANTED, r -> apply(r, created, ended, instances, cancelled));
    boolean changed = !created.isEmpty() || !ended.isEmpty() || !instances.isEmpty() || !cancelled.isEmpty();
    if (!changed && System.nanoTime() - storedAt < POSITION_EVERY.toNanos()) {
      position = last;
      return;
    }
    for (Long key : ended) {
      created.remove(key);
    }
    tx.executeWithoutResult(
        s -> {
          if (!ended.isEmpty()) {
            jdbc.batchUpdate(
                "delete from engine_user_task where user_task_key = ?", ended.stream().map(k -> new Object[] {k}).toList());
          }
          if (!created.isEmpty()) {
            List<Object[]> rows = new ArrayList<>();
            for (UserTaskRecordValue task : created.values()) {
              rows.add(new Object[] {
                task.getUserTaskKey(), task.getElementId(), task.getProcessInstanceKey(),
                jdbc.execute((Connection c) -> c.createArrayOf("text", task.getCandidateGroupsList().toArray())),
                task.getDueDate() == null || task.getDueDate().isEmpty() ? null : task.getDueDate(), task.getPriority(),
                task.getElementInstanceKey()
              });
            }
            jdbc.batchUpdate(
                "insert into engine_user_task (user_task_key, element_id, process_instance_key, candidate_groups,"
                    + " due_date, priority, element_instance_key) values (?, ?, ?, ?, ?, ?, ?)"
                    + " on conflict (user_task_key) do nothing",
                rows);
          }
          if (!instances.isEmpty()) {
            jdbc.batchUpdate(
                "insert into engine_process_instance (engine_id, process_instance_key, debt_id) values (?, ?, ?)"
                    + " on conflict do nothing",
                instances.stream().map(e -> new Object[] {engine.epoch(), e.getValue(), e.getKey()}).toList());
            // usually the case starter stored the same key already, and this changes nothing
            jdbc.batchUpdate(
                "update debt set process_instance_key = ?, engine_epoch = ? where id = ?"
                    + " and (process_instance_key is distinct from ? or engine_epoch is distinct from ?)",
                instances.stream()
                    .map(e -> new Object[] {e.getValue(), engine.epoch(), e.getKey(), e.getValue(), engine.epoch()})
                    .toList());
          }
          storePosition(last);
        });
    position = last;
    stored = last;
    storedAt = System.nanoTime();
    for (long instance : cancelled) {
      lostInstances.execute(() -> starter.instanceGone(instance, "it was cancelled in the engine"));
    }
  }

  private void apply(
      Record<?> record, Map<Long, UserTaskRecordValue> created, Set<Long> ended, List<Map.Entry<UUID, Long>> instances,
      List<Long> cancelled) {
    if (record.getValueType() == ValueType.PROCESS_INSTANCE) {
      var element = (ProcessInstanceRecordValue) record.getValue();
      if (element.getBpmnElementType() == BpmnElementType.PROCESS) {
        cancelled.add(element.getProcessInstanceKey());
      }
      return;
    }
    if (record.getValueType() == ValueType.PROCESS_INSTANCE_CREATION) {
      var creation = (ProcessInstanceCreationRecordValue) record.getValue();
      Object debtId = creation.getVariables().get("debtId");
      if (debtId instanceof String id) {
        try {
          instances.add(Map.entry(UUID.fromString(id), creation.getProcessInstanceKey()));
        } catch (IllegalArgumentException notACase) {
          // an instance not started for a case (someone's own model): nothing to attach
        }
      }
      return;
    }
    UserTaskRecordValue task = (UserTaskRecordValue) record.getValue();
    long key = task.getUserTaskKey();
    if (record.getRecordType() == RecordType.COMMAND_REJECTION) {
      if (record.getIntent() == UserTaskIntent.COMPLETE && awaited.contains(key)) {
        outcomes.put(key, record.getRejectionType() + ": " + record.getRejectionReason());
      }
    } else if (record.getRecordType() == RecordType.EVENT) {
      if (record.getIntent() == UserTaskIntent.CREATED) {
        created.put(key, task);
      } else if (record.getIntent() == UserTaskIntent.COMPLETED || record.getIntent() == UserTaskIntent.CANCELED) {
        ended.add(key);
        if (awaited.contains(key)) {
          outcomes.put(key, "");
        }
      }
    }
  }

  private void storePosition(long at) {
    jdbc.update(
        "insert into engine_record_reader (reader, engine_id, position) values (?, ?, ?)"
            + " on conflict (reader) do update set engine_id = excluded.engine_id, position = excluded.position",
        READER, engine.epoch(), at);
  }
}
