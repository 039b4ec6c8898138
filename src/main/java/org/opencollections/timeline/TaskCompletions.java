package org.opencollections.timeline;

import java.time.Clock;
import java.sql.Timestamp;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Who completed a user task through the API or the workbench. The completion is written (and committed) before
 * the engine is told; the worker that records the task's end in the timeline reads it by the task's element
 * instance. A task completed elsewhere (Tasklist) has no entry here.
 */
@Component
public class TaskCompletions {

  private final JdbcTemplate jdbc;
  private final Clock clock;

  TaskCompletions(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** The user asking to complete it now (a repeated request by another user replaces the first). */
  public void requested(long elementInstanceKey, String actor) {
    jdbc.update(
        "insert into task_completion (element_instance_key, actor, requested_at) values (?, ?, ?)"
            + " on conflict (element_instance_key) do update set actor = excluded.actor, requested_at = excluded.requested_at",
        elementInstanceKey, actor, Timestamp.from(clock.instant()));
  }

  public Optional<String> actorOf(long elementInstanceKey) {
    return jdbc.queryForList("select actor from task_completion where element_instance_key = ?", String.class, elementInstanceKey)
        .stream().findFirst();
  }
}
