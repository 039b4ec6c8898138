package org.opencollections.portfolio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/** Rows for one PostgreSQL COPY, in CSV: null is an empty field, every value is quoted. */
final class CopyRows {

  private final String table;
  private final StringBuilder csv = new StringBuilder(64 * 1024);
  private int rows;

  CopyRows(String table) {
    this.table = table;
  }

  CopyRows add(Object... values) {
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        csv.append(',');
      }
      if (values[i] != null) {
        String value = values[i].toString();
        csv.append('"');
        for (int c = 0; c < value.length(); c++) {
          char ch = value.charAt(c);
          if (ch == '"') {
            csv.append('"');
          }
          csv.append(ch);
        }
        csv.append('"');
      }
    }
    csv.append('\n');
    rows++;
    return this;
  }

  int size() {
    return rows;
  }

  /** Copies the rows into the table ({@code table} names it with its columns) on this connection. */
  void copyInto(Connection connection) throws SQLException {
    if (rows == 0) {
      return;
    }
    CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
    try {
      copy.copyIn("copy " + table + " from stdin (format csv)", new java.io.StringReader(csv.toString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
