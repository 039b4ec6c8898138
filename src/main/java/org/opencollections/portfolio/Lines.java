package org.opencollections.portfolio;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The physical lines of a file with their numbers. A line longer than {@link #MAX_LENGTH} is cut (and
 * flagged) so that one bad line cannot fill the memory. A leading byte order mark is dropped.
 */
final class Lines implements Closeable {

  static final int MAX_LENGTH = 64 * 1024;

  record Line(int number, String text, boolean tooLong) {
    boolean blank() {
      return text.isBlank();
    }
  }

  private final Reader in;
  private final char[] buffer = new char[64 * 1024];
  private final StringBuilder current = new StringBuilder(256);
  private final Deque<Line> pushedBack = new ArrayDeque<>();
  private int position;
  private int limit;
  private int number;

  Lines(Reader in) {
    this.in = in;
  }

  /** The next line without its terminator (LF or CRLF), or null at the end of the file. */
  Line next() throws IOException {
    if (!pushedBack.isEmpty()) {
      return pushedBack.poll();
    }
    current.setLength(0);
    boolean tooLong = false;
    boolean any = false;
    while (true) {
      if (position == limit) {
        limit = in.read(buffer);
        position = 0;
        if (limit <= 0) {
          limit = 0;
          break;
        }
      }
      any = true;
      char c = buffer[position++];
      if (c == '\n') {
        break;
      }
      if (current.length() < MAX_LENGTH) {
        current.append(c);
      } else {
        tooLong = true;
      }
    }
    if (!any) {
      return null;
    }
    number++;
    int length = current.length();
    if (length > 0 && current.charAt(length - 1) == '\r') {
      current.setLength(length - 1);
    }
    if (number == 1 && !current.isEmpty() && current.charAt(0) == '\uFEFF') {
      current.deleteCharAt(0);
    }
    return new Line(number, current.toString(), tooLong);
  }

  /** Lines to be read again, in their order, before the rest of the file. */
  void pushBack(List<Line> lines) {
    for (int i = lines.size() - 1; i >= 0; i--) {
      pushedBack.addFirst(lines.get(i));
    }
  }

  /** Skips the lines up to and including {@code number} (they were stored before a restart). */
  void skipThrough(int last) throws IOException {
    while (number < last && next() != null) {
      // skipped
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
