package org.opencollections.engine.embedded;

import io.camunda.zeebe.logstreams.storage.LogStorage;
import io.camunda.zeebe.logstreams.storage.LogStorageReader;
import io.camunda.zeebe.util.buffer.BufferWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's log on disk: Zeebe's {@link LogStorage} (the one interface through which its stream processor
 * writes and reads records) as a directory of append-only segment files.
 *
 * <p>Each block the engine appends (one or more records) becomes a frame: length, CRC-32C, lowest and highest
 * record position, then the bytes. A block is visible to readers as soon as it is written (the engine reads
 * its own records back at once); it is <em>durable</em> once a background thread has forced the segment to
 * disk. That thread forces whatever was appended since its last round in one {@code fdatasync} (group
 * commit), and {@link #whenDurable} lets the gRPC front hold each answer back until the records it
 * acknowledges are on disk: nothing the engine confirmed to anyone can be lost in a crash.
 *
 * <p>On open every frame is checked; a torn or corrupt frame at the end of the last segment (a crash during a
 * write) is cut off, anywhere else the log refuses to open. {@link #deleteBefore} drops whole segments below a
 * snapshot's position, so the log's size is bounded by what came after the latest snapshot. The index (each
 * block's lowest position, offset and length) is held only for the segments still on disk.
 *
 * <p>Why our own and not a library: the broker's own journal (zeebe-journal, atomix) is not served here;
 * Chronicle Queue needs internal JDK access and rolls by time, not by position; Apache BookKeeper and Ratis
 * are replicated services; RocksDB as a log (as SOFAJRaft keeps its Raft log) would write every record twice
 * more (WAL, flush, compaction) for an append-only, read-once workload. A segment file with CRC frames is
 * what all of them do underneath, small enough to test completely ({@code SegmentedLogTest}).
 */
public final class SegmentedLog implements LogStorage, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SegmentedLog.class);
  static final int HEADER = 4 + 4 + 8 + 8;
  private static final String SUFFIX = ".log";

  private final Path dir;
  private final long segmentBytes;
  private final boolean fsync;
  private final List<Segment> segments = new CopyOnWriteArrayList<>();
  private final Set<CommitListener> commitListeners = new CopyOnWriteArraySet<>();
  private final Durability durability = new Durability();
  private final Thread flusher;
  private ByteBuffer frame = ByteBuffer.allocate(64 * 1024);
  private final CRC32C crc = new CRC32C();
  /** Highest record position appended; -1 while the log is empty. */
  private volatile long appendedPosition;
  private long blocks;
  private volatile boolean closed;

  /**
   * @param fsync false only where losing the last writes in a machine crash is acceptable (tests): then a
   *     block counts as durable as soon as it is written to the operating system
   */
  public SegmentedLog(Path dir, long segmentBytes, boolean fsync) {
    this.dir = dir;
    this.segmentBytes = segmentBytes;
    this.fsync = fsync;
    try {
      Files.createDirectories(dir);
      List<Path> files;
      try (Stream<Path> list = Files.list(dir)) {
        files = list.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
      }
      for (int i = 0; i < files.size(); i++) {
        Segment segment = Segment.open(files.get(i), i == files.size() - 1);
        if (segment.count == 0) {
          segment.delete();
          continue;
        }
        Segment previous = segments.isEmpty() ? null : segments.getLast();
        if (previous != null && segment.lowest[0] != previous.highestPosition() + 1) {
          throw new IllegalStateException(
              "The engine log has a gap: " + previous.path.getFileName() + " ends at position "
                  + previous.highestPosition() + ", " + segment.path.getFileName() + " starts at " + segment.lowest[0]);
        }
        segments.add(segment);
        blocks += segment.count;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not open the engine log in " + dir, e);
    }
    appendedPosition = segments.isEmpty() ? -1 : segments.getLast().highestPosition();
    durability.durable = appendedPosition;
    flusher = Thread.ofPlatform().name("engine-log-flush").daemon().unstarted(this::flushLoop);
    flusher.start();
  }

  /** The lowest record position still in the log, or -1 when it is empty. */
  public long firstPosition() {
    return segments.isEmpty() ? -1 : segments.getFirst().lowest[0];
  }

  /** The highest record position written, or -1 when the log is empty. */
  public long lastPosition() {
    return appendedPosition;
  }

  /** The highest record position known to be on disk. */
  public long durablePosition() {
    return durability.durable;
  }

  public long sizeOnDisk() {
    return segments.stream().mapToLong(s -> s.end).sum();
  }

  public int segmentCount() {
    return segments.size();
  }

  @Override
  public synchronized void append(long lowestPosition, long highestPosition, BufferWriter writer, AppendListener listener) {
    if (closed) {
      throw new IllegalStateException("The engine log is closed");
    }
    int length = writer.getLength();
    if (frame.capacity() < HEADER + length) {
      frame = ByteBuffer.allocate(Integer.highestOneBit(HEADER + length) << 1);
    }
    frame.clear();
    writer.write(new UnsafeBuffer(frame), HEADER);
    crc.reset();
    frame.limit(HEADER + length).position(HEADER);
    crc.update(frame);
    frame.position(0);
    frame.putInt(length).putInt((int) crc.getValue()).putLong(lowestPosition).putLong(highestPosition);
    frame.position(0);
    try {
      Segment segment = segments.isEmpty() ? null : segments.getLast();
      if (segment == null || segment.end + HEADER + length > segmentBytes && segment.count > 0) {
        segment = Segment.create(dir.resolve(String.format("%020d", lowestPosition) + SUFFIX));
        forceDirectory();
        segments.add(segment);
      }
      segment.append(frame, lowestPosition, highestPosition, HEADER + length);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write to the engine log in " + dir, e);
    }
    blocks++;
    appendedPosition = highestPosition;
    listener.onWrite(blocks, highestPosition);
    listener.onCommit(blocks, highestPosition);
    commitListeners.forEach(CommitListener::onCommit);
    if (fsync) {
      durability.wake();
    } else {
      durability.advance(highestPosition);
    }
  }

  /**
   * Runs {@code action} once every record up to {@code position} is on disk: at once (on this thread) when it
   * already is, otherwise on the flushing thread, in the order the actions were given.
   */
  public void whenDurable(long position, Runnable action) {
    durability.whenDurable(position, action);
  }

  /** Forces everything written so far to disk before it returns. */
  public void flush() {
    long target = appendedPosition;
    durability.wake();
    durability.await(target);
  }

  /**
   * Deletes every segment whose records all lie below {@code position}; the segment holding it and every later
   * one stay. Returns the bytes freed.
   */
  public synchronized long deleteBefore(long position) {
    long freed = 0;
    while (segments.size() > 1 && segments.get(1).lowest[0] <= position) {
      Segment first = segments.removeFirst();
      freed += first.end;
      first.delete();
    }
    return freed;
  }

  @Override
  public LogStorageReader newReader() {
    return new Reader();
  }

  @Override
  public void addCommitListener(CommitListener listener) {
    commitListeners.add(listener);
  }

  @Override
  public void removeCommitListener(CommitListener listener) {
    commitListeners.remove(listener);
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    flush();
    closed = true;
    durability.wake();
    try {
      flusher.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      segments.forEach(Segment::close);
    }
  }

  private void flushLoop() {
    while (!closed) {
      long target = durability.awaitWork();
      if (target < 0) {
        continue;
      }
      try {
        // every segment written since the last round: usually the last one, two when it has just rolled
        for (Segment segment : segments) {
          segment.force();
        }
      } catch (IOException | RuntimeException e) {
        if (!closed) {
          LOG.error("Could not force the engine log to disk; answers wait until it can", e);
          sleepQuietly();
        }
        continue;
      }
      durability.advance(target);
    }
  }

  private void forceDirectory() throws IOException {
    if (fsync) {
      try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
        channel.force(true);
      }
    }
  }

  private static void sleepQuietly() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The durable position and the actions waiting for it, ordered by position. */
  private final class Durability {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayList<Waiting> waiting = new ArrayList<>();
    private volatile long durable = -1;
    private boolean workPending;

    private record Waiting(long position, Runnable action) {}

    void whenDurable(long position, Runnable action) {
      lock.lock();
      try {
        if (position > durable || !waiting.isEmpty()) {
          // behind others (keep the order of one call's answers), or not on disk yet
          waiting.add(new Waiting(position, action));
          if (position <= durable) {
            changed.signalAll();
          }
          return;
        }
      } finally {
        lock.unlock();
      }
      action.run();
    }

    void wake() {
      lock.lock();
      try {
        workPending = true;
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    }

    /** Flusher: waits until something was appended; returns the position a force now makes durable. */
    long awaitWork() {
      lock.lock();
      try {
        while (!workPending && !closed && (waiting.isEmpty() || waiting.getFirst().position() > durable)) {
          changed.awaitUninterruptibly();
        }
        workPending = false;
        if (!waiting.isEmpty() && waiting.getFirst().position() <= durable && appendedPosition <= durable) {
          runDue();
          return -1;
        }
        return appendedPosition;
      } finally {
        lock.unlock();
      }
    }

    void advance(long position) {
      lock.lock();
      try {
        if (position > durable) {
          durable = position;
        }
        runDue();
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    }

    /** Runs the actions now due, in order; caller holds the lock. */
    private void runDue() {
      int due = 0;
      while (due < waiting.size() && waiting.get(due).position() <= durable) {
        due++;
      }
      if (due == 0) {
        return;
      }
      List<Waiting> run = new ArrayList<>(waiting.subList(0, due));
      waiting.subList(0, due).clear();
      for (Waiting w : run) {
        try {
          w.action().run();
        } catch (RuntimeException e) {
          LOG.warn("An action waiting for the engine log failed", e);
        }
      }
    }

    void await(long position) {
      lock.lock();
      try {
        while (durable < position && !closed) {
          changed.awaitUninterruptibly();
        }
      } finally {
        lock.unlock();
      }
    }
  }

  /** One segment file and the index of its blocks. Written by the appending thread only. */
  static final class Segment {
    final Path path;
    private final FileChannel channel;
    /** Lowest and highest positions, file offsets and frame lengths of the blocks, the first {@code count}. */
    long[] lowest = new long[1024];
    private long[] highest = new long[1024];
    private long[] offsets = new long[1024];
    private int[] lengths = new int[1024];
    volatile int count;
    volatile long end;
    private volatile long forced;

    private Segment(Path path, FileChannel channel) {
      this.path = path;
      this.channel = channel;
    }

    static Segment create(Path path) throws IOException {
      return new Segment(
          path, FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE));
    }

    /** Reads and checks every frame; cuts off a torn tail if this is the last segment. */
    static Segment open(Path path, boolean last) throws IOException {
      Segment segment =
          new Segment(path, FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE));
      long size = segment.channel.size();
      ByteBuffer header = ByteBuffer.allocate(HEADER);
      CRC32C crc = new CRC32C();
      long offset = 0;
      String problem = null;
      while (offset < size) {
        header.clear();
        if (readFully(segment.channel, header, offset) < HEADER) {
          problem = "a frame header cut short";
          break;
        }
        header.flip();
        int length = header.getInt();
        int checksum = header.getInt();
        long lowestPosition = header.getLong();
        long highestPosition = header.getLong();
        // a block holds at least one record; a frame of zeros (a write the crash cut off) has none
        if (length <= 0 || lowestPosition < 1 || highestPosition < lowestPosition || offset + HEADER + length > size) {
          problem = "a frame cut short";
          break;
        }
        ByteBuffer body = ByteBuffer.allocate(length);
        readFully(segment.channel, body, offset + HEADER);
        body.flip();
        crc.reset();
        crc.update(body);
        if ((int) crc.getValue() != checksum) {
          problem = "a frame whose checksum does not match";
          break;
        }
        long expected = segment.count > 0 ? segment.highest[segment.count - 1] + 1 : firstPositionOf(path);
        if (lowestPosition != expected) {
          problem = "a frame out of sequence";
          break;
        }
        segment.index(lowestPosition, highestPosition, offset, HEADER + length);
        offset += HEADER + length;
      }
      if (problem != null) {
        if (!last) {
          segment.close();
          throw new IllegalStateException(
              "The engine log is corrupt: " + path.getFileName() + " has " + problem + " at byte " + offset
                  + ", and later segments follow it");
        }
        LOG.warn(
            "The engine log ended in {} at byte {} of {} (a write cut off by a crash); the {} bytes after it are dropped",
            problem, offset, path.getFileName(), size - offset);
        segment.channel.truncate(offset);
        segment.channel.force(true);
      }
      segment.end = offset;
      segment.forced = offset;
      return segment;
    }

    /** A segment is named after the lowest position of its first block. */
    private static long firstPositionOf(Path path) {
      String name = path.getFileName().toString();
      return Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
    }

    private static int readFully(FileChannel channel, ByteBuffer buffer, long at) throws IOException {
      int total = 0;
      while (buffer.hasRemaining()) {
        int read = channel.read(buffer, at + total);
        if (read < 0) {
          break;
        }
        total += read;
      }
      return total;
    }

    void append(ByteBuffer frame, long lowestPosition, long highestPosition, int length) throws IOException {
      long at = end;
      int written = 0;
      while (written < length) {
        written += channel.write(frame, at + written);
      }
      index(lowestPosition, highestPosition, at, length);
      end = at + length;
    }

    /** Publishes one more block: the arrays first, the volatile count last (readers read it first). */
    private void index(long lowestPosition, long highestPosition, long offset, int length) {
      int n = count;
      if (n == lowest.length) {
        int grown = n * 2;
        lowest = Arrays.copyOf(lowest, grown);
        highest = Arrays.copyOf(highest, grown);
        offsets = Arrays.copyOf(offsets, grown);
        lengths = Arrays.copyOf(lengths, grown);
      }
      lowest[n] = lowestPosition;
      highest[n] = highestPosition;
      offsets[n] = offset;
      lengths[n] = length;
      count = n + 1;
    }

    long highestPosition() {
      return highest[count - 1];
    }

    /** The index of the last block whose lowest position is at most {@code position}, or 0. */
    int floor(long position) {
      int lo = 0;
      int hi = count - 1;
      while (lo < hi) {
        int mid = (lo + hi + 1) >>> 1;
        if (lowest[mid] <= position) {
          lo = mid;
        } else {
          hi = mid - 1;
        }
      }
      return lo;
    }

    DirectBuffer read(int block) {
      ByteBuffer buffer = ByteBuffer.allocate(lengths[block] - HEADER);
      try {
        readFully(channel, buffer, offsets[block] + HEADER);
      } catch (IOException e) {
        throw new UncheckedIOException("Could not read the engine log segment " + path.getFileName(), e);
      }
      return new UnsafeBuffer(buffer.flip());
    }

    void force() throws IOException {
      long written = end;
      if (forced < written) {
        try {
          channel.force(false);
        } catch (ClosedChannelException compacted) {
          return; // compaction closed it: it was below a snapshot, and so on disk already
        }
        forced = written;
      }
    }

    void close() {
      try {
        channel.close();
      } catch (IOException e) {
        LOG.warn("Could not close {}", path, e);
      }
    }

    void delete() {
      close();
      try {
        Files.deleteIfExists(path);
      } catch (IOException e) {
        LOG.warn("Could not delete the engine log segment {}", path, e);
      }
    }
  }

  /** Reads blocks in order from a position; sees every block written before {@code hasNext} is asked. */
  private final class Reader implements LogStorageReader {
    private Segment segment;
    private int block;

    @Override
    public void seek(long position) {
      List<Segment> current = segments;
      segment = null;
      block = 0;
      if (current.isEmpty()) {
        return;
      }
      Segment found = current.getFirst();
      for (Segment s : current) {
        if (s.lowest[0] <= position) {
          found = s;
        } else {
          break;
        }
      }
      segment = found;
      block = position < 0 ? 0 : found.floor(position);
    }

    @Override
    public boolean hasNext() {
      if (segment == null) {
        if (segments.isEmpty()) {
          return false;
        }
        segment = segments.getFirst();
        block = 0;
      }
      if (block < segment.count) {
        return true;
      }
      int at = segments.indexOf(segment);
      if (at < 0) {
        // this segment was compacted away under the reader: go on from the first one left
        segment = segments.isEmpty() ? null : segments.getFirst();
        block = 0;
        return segment != null && segment.count > 0;
      }
      if (at + 1 < segments.size()) {
        segment = segments.get(at + 1);
        block = 0;
        return segment.count > 0;
      }
      return false;
    }

    @Override
    public DirectBuffer next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return segment.read(block++);
    }

    @Override
    public void close() {}
  }
}
