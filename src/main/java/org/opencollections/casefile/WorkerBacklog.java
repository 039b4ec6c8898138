package org.opencollections.casefile;

import java.time.Duration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * How many started cases still wait for their first step (their process exists, but no worker has taken
 * them out of intake yet): the length of the workers' queue that bulk starts add to. The case starter
 * waits while it is long, so a portfolio import goes at the pace the workers keep, and a case registered
 * by hand or a task completed meanwhile is not queued behind a hundred thousand new ones.
 */
@Component
public class WorkerBacklog {

  private static final Duration POLL = Duration.ofMillis(50);

  private final JdbcTemplate jdbc;

  WorkerBacklog(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Open cases with a process on this engine that are still in intake (one on an earlier engine has no
   * process any more: it waits for the starter, not for a worker).
   */
  public long awaitingFirstStep(String epoch) {
    Long n =
        jdbc.queryForObject(
            "select count(*) from debt where status = 'OPEN' and stage = 'INTAKE' and process_instance_key is not null"
                + " and engine_epoch = ?",
            Long.class, epoch);
    return n == null ? 0 : n;
  }

  /**
   * Waits until fewer than {@code bound} started cases await their first step, at most {@code patience}.
   *
   * @param bound 0 or less: no bound
   * @return how many more cases may be started now ({@code bound} less those waiting; {@link Integer#MAX_VALUE}
   *     without a bound), or 0 when the patience ran out (or the thread was interrupted)
   */
  public int awaitRoom(int bound, Duration patience, String epoch) {
    if (bound <= 0) {
      return Integer.MAX_VALUE;
    }
    long deadline = System.nanoTime() + patience.toNanos();
    long waiting;
    while ((waiting = awaitingFirstStep(epoch)) >= bound) {
      if (System.nanoTime() >= deadline) {
        return 0;
      }
      try {
        Thread.sleep(POLL);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return 0;
      }
    }
    return (int) (bound - waiting);
  }
}
