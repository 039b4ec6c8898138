package org.opencollections.platform;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/**
 * Whether a failure only says the database could not be reached (down, restarting, no connection to be had):
 * nothing was done, and the same work succeeds once it is back. Workers wait for it instead of using up their
 * retries (fault suite F3: an outage longer than the retry budget left every case in it stuck in an incident).
 */
public final class DatabaseUnavailable {

  private DatabaseUnavailable() {}

  public static boolean is(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof org.springframework.transaction.CannotCreateTransactionException
          || t instanceof org.springframework.dao.DataAccessResourceFailureException
          || t instanceof SQLTransientConnectionException
          || t instanceof SQLNonTransientConnectionException) {
        return true;
      }
      // 08: connection exception; 57P01-57P03: the server is shutting down or starting
      if (t instanceof SQLException sql && sql.getSQLState() != null
          && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
        return true;
      }
    }
    return false;
  }
}
