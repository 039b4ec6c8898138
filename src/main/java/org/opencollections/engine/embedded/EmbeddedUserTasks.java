package org.opencollections.engine.embedded;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencollections.engine.Models;
import org.opencollections.tasks.OpenUserTask;
import org.opencollections.tasks.UserTaskGateway;
import org.opencollections.platform.ConflictException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The embedded engine's user tasks: read from what {@link EngineRecordsReader} stores of its record stream,
 * completed by a command on its log (it has no REST gateway).
 */
@Component
@ConditionalOnProperty(name = "collections.mode", havingValue = "embedded", matchIfMissing = true)
class EmbeddedUserTasks implements UserTaskGateway {

  private static final Duration COMPLETION_TIMEOUT = Duration.ofSeconds(15);

  private final EmbeddedEngine engine;
  private final EngineRecordsReader records;
  private final Models models;
  private final JdbcTemplate jdbc;

  EmbeddedUserTasks(EmbeddedEngine engine, EngineRecordsReader records, Models models, JdbcTemplate jdbc) {
    this.engine = engine;
    this.records = records;
    this.models = models;
    this.jdbc = jdbc;
  }

  @Override
  public List<OpenUserTask> openTasks() {
    records.catchUp();
    return jdbc.query("select * from engine_user_task order by priority desc, user_task_key", this::task);
  }

  @Override
  public Optional<OpenUserTask> find(long key) {
    records.catchUp();
    return jdbc.query("select * from engine_user_task where user_task_key = ?", this::task, key).stream().findFirst();
  }

  @Override
  public void complete(long key, Map<String, Object> variables) {
    if (find(key).isEmpty()) {
      throw new ConflictException("Task " + key + " is not open");
    }
    records.await(key);
    try {
      engine.completeUserTask(key, variables);
      long deadline = System.nanoTime() + COMPLETION_TIMEOUT.toNanos();
      while (System.nanoTime() < deadline) {
        records.catchUp(); // reads only what is on disk: a completion seen here is durable
        String outcome = records.outcome(key);
        if (outcome != null) {
          if (!outcome.isEmpty()) {
            throw new ConflictException("The engine refused to complete task " + key + ": " + outcome);
          }
          return;
        }
        sleep();
      }
      throw new IllegalStateException("The engine did not confirm the completion of task " + key + " in time");
    } finally {
      records.forget(key);
    }
  }

  private OpenUserTask task(ResultSet rs, int row) throws SQLException {
    Array groups = rs.getArray("candidate_groups");
    String elementId = rs.getString("element_id");
    return new OpenUserTask(
        rs.getLong("user_task_key"), elementId, rs.getLong("process_instance_key"),
        new ArrayList<>(Arrays.asList((String[]) groups.getArray())), rs.getString("due_date"), rs.getInt("priority"),
        models.formOf(elementId), rs.getLong("element_instance_key"));
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
