package org.opencollections.casefile;

import java.util.List;
import java.util.UUID;

/**
 * A source of open cases that have no process instance on the current engine, read from the database in
 * batches. The case starter asks for the next batch only when the previous one is done, under its lock, so
 * a case started meanwhile by anyone is not returned again.
 */
@FunctionalInterface
public interface CaseBacklog {

  /** Up to {@code limit} cases without a process instance on {@code epoch}; empty when none is left. */
  List<UUID> next(String epoch, int limit);
}
