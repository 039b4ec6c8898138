package org.opencollections.portfolio;

import java.io.Closeable;
import java.io.IOException;

/** Reads a spooled portfolio a row at a time: memory stays bounded by one row, whatever the file's size. */
interface RowSource extends Closeable {

  /** The next row, or null at the end of the file. */
  Row next() throws IOException;
}
