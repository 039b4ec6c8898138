package org.opencollections.portfolio;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/** Rows for one PostgreSQL COPY, in CSV: null is an empty field, every value is quoted. */
final class CopyRows {

  private final String table;
  private StringBuilder csv = new StringBuilder(64 * 1024);
  private byte[] encoded;
  private int rows;

  CopyRows(String table) {
    this.table = table;
  }

  CopyRows add(Object... values) {
    if (csv == null) {
      throw new IllegalStateException("the rows are encoded already");
    }
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

  /**
   * Turns the rows into the bytes COPY reads (UTF-8, the connection's client encoding), so that this
   * work is done where the rows are prepared, not in the transaction that copies them.
   */
  CopyRows encode() {
    if (encoded == null) {
      encoded = csv.toString().getBytes(StandardCharsets.UTF_8);
      csv = null;
    }
    return this;
  }

  /** Copies the rows into the table ({@code table} names it with its columns) on this connection. */
  void copyInto(Connection connection) throws SQLException {
    if (rows == 0) {
      return;
    }
    CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
    try {
      copy.copyIn("copy " + table + " from stdin (format csv, encoding 'UTF8')", new ByteArrayInputStream(encode().encoded));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
