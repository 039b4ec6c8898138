package org.opencollections.engine.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.zeebe.logstreams.storage.LogStorage;
import io.camunda.zeebe.logstreams.storage.LogStorageReader;
import io.camunda.zeebe.util.buffer.DirectBufferWriter;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's log: what is appended is read back, survives a reopen, a torn tail, and compaction. */
class SegmentedLogTest {

  private static final LogStorage.AppendListener NONE = new LogStorage.AppendListener() {};

  @TempDir Path dir;

  /** Appends blocks of {@code recordsPerBlock} positions each, from {@code from}; the body names its positions. */
  static long append(SegmentedLog log, long from, int blocks, int recordsPerBlock) {
    long position = from;
    for (int i = 0; i < blocks; i++) {
      long highest = position + recordsPerBlock - 1;
      byte[] body = ("block " + position + "-" + highest + " ").repeat(8).getBytes(StandardCharsets.UTF_8);
      log.append(position, highest, new DirectBufferWriter().wrap(new UnsafeBuffer(body)), NONE);
      position = highest + 1;
    }
    return position;
  }

  static String text(DirectBuffer buffer) {
    return buffer.getStringWithoutLengthUtf8(0, buffer.capacity());
  }

  static List<String> readAll(SegmentedLog log, long seek) {
    List<String> read = new ArrayList<>();
    try (LogStorageReader reader = log.newReader()) {
      reader.seek(seek);
      while (reader.hasNext()) {
        read.add(text(reader.next()).split(" ")[1]);
      }
    }
    return read;
  }

  @Test
  void readsBackWhatWasAppendedAndSeeksToTheBlockHoldingAPosition() {
    try (SegmentedLog log = new SegmentedLog(dir, 64 << 20, false)) {
      assertThat(log.lastPosition()).isEqualTo(-1);
      append(log, 1, 5, 3); // blocks 1-3, 4-6, 7-9, 10-12, 13-15
      assertThat(log.firstPosition()).isEqualTo(1);
      assertThat(log.lastPosition()).isEqualTo(15);
      assertThat(readAll(log, -1)).containsExactly("1-3", "4-6", "7-9", "10-12", "13-15");
      assertThat(readAll(log, 8)).as("the block that holds position 8 first").startsWith("7-9");
      assertThat(readAll(log, 10)).startsWith("10-12");
      assertThat(readAll(log, 999)).as("past the end: the last block").containsExactly("13-15");
    }
  }

  @Test
  void aReaderSeesBlocksAppendedAfterItReachedTheEnd() {
    try (SegmentedLog log = new SegmentedLog(dir, 64 << 20, false);
        LogStorageReader reader = log.newReader()) {
      append(log, 1, 1, 1);
      reader.seek(-1);
      assertThat(text(reader.next())).startsWith("block 1-1");
      assertThat(reader.hasNext()).isFalse();
      append(log, 2, 1, 1);
      assertThat(reader.hasNext()).isTrue();
      assertThat(text(reader.next())).startsWith("block 2-2");
    }
  }

  @Test
  void aReopenedLogHoldsEveryBlockAndContinuesAfterTheLast() {
    try (SegmentedLog log = new SegmentedLog(dir, 4096, true)) {
      append(log, 1, 100, 2);
      assertThat(log.segmentCount()).as("rolled over several segments").isGreaterThan(3);
    }
    try (SegmentedLog log = new SegmentedLog(dir, 4096, true)) {
      assertThat(log.lastPosition()).isEqualTo(200);
      assertThat(log.durablePosition()).isEqualTo(200);
      append(log, 201, 1, 2);
      List<String> all = readAll(log, -1);
      assertThat(all).hasSize(101);
      assertThat(all.getLast()).isEqualTo("201-202");
    }
  }

  @Test
  void aWriteCutOffByACrashIsDroppedAndEverythingBeforeItKept() throws IOException {
    try (SegmentedLog log = new SegmentedLog(dir, 64 << 20, true)) {
      append(log, 1, 10, 1);
    }
    Path segment = onlySegment();
    long size = Files.size(segment);
    try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
      file.setLength(size - 7); // the last frame is cut short
    }
    try (SegmentedLog log = new SegmentedLog(dir, 64 << 20, true)) {
      assertThat(log.lastPosition()).isEqualTo(9);
      assertThat(readAll(log, -1)).hasSize(9);
      append(log, 10, 1, 1);
      assertThat(readAll(log, 10)).containsExactly("10-10");
    }
    // a crash may also leave zeros where a frame was to go (the file grew, the bytes never came)
    try (RandomAccessFile file = new RandomAccessFile(onlySegment().toFile(), "rw")) {
      file.setLength(file.length() + 4096);
    }
    try (SegmentedLog log = new SegmentedLog(dir, 64 << 20, true)) {
      assertThat(log.lastPosition()).isEqualTo(10);
      assertThat(log.sizeOnDisk()).isEqualTo(size);
    }
  }

  @Test
  void aLogDamagedBeforeItsLastSegmentRefusesToOpen() throws IOException {
    try (SegmentedLog log = new SegmentedLog(dir, 2048, true)) {
      append(log, 1, 50, 1);
    }
    Path first;
    try (Stream<Path> files = Files.list(dir)) {
      first = files.sorted().findFirst().orElseThrow();
    }
    try (RandomAccessFile file = new RandomAccessFile(first.toFile(), "rw")) {
      file.seek(SegmentedLog.HEADER + 3);
      file.write('X'); // one flipped byte in the first block's body
    }
    assertThatThrownBy(() -> new SegmentedLog(dir, 2048, true))
        .hasMessageContaining(first.getFileName().toString())
        .hasMessageContaining("checksum");
  }

  @Test
  void compactionDeletesOnlySegmentsWhollyBelowThePositionAndBoundsTheSize() {
    try (SegmentedLog log = new SegmentedLog(dir, 4096, false)) {
      long next = 1;
      long largest = 0;
      for (int round = 0; round < 20; round++) {
        next = append(log, next, 50, 4);
        long keepFrom = next - 60; // as if a snapshot covered everything up to here
        log.deleteBefore(keepFrom);
        assertThat(log.firstPosition()).isLessThanOrEqualTo(keepFrom);
        assertThat(readAll(log, keepFrom).getFirst()).as("the record at the snapshot stays readable")
            .matches(range -> Long.parseLong(range.split("-")[0]) <= keepFrom && keepFrom <= Long.parseLong(range.split("-")[1]));
        largest = Math.max(largest, log.sizeOnDisk());
      }
      assertThat(next).isEqualTo(1 + 20 * 50 * 4);
      assertThat(log.firstPosition()).isGreaterThan(3000);
      assertThat(largest).as("never more than the segments written since the last compaction").isLessThan(5 * 4096);
    }
  }

  @Test
  void actionsWaitingForTheDiskRunInOrderOnceTheirPositionIsDurable() {
    try (SegmentedLog log = new SegmentedLog(dir, 64 << 20, true)) {
      List<Long> ran = new CopyOnWriteArrayList<>();
      for (int i = 1; i <= 200; i++) {
        append(log, i, 1, 1);
        long position = i;
        log.whenDurable(position, () -> {
          assertThat(log.durablePosition()).isGreaterThanOrEqualTo(position);
          ran.add(position);
        });
      }
      log.flush();
      assertThat(log.durablePosition()).isEqualTo(200);
      assertThat(ran).hasSize(200).isSorted();
    }
  }

  private Path onlySegment() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".log")).findFirst().orElseThrow();
    }
  }
}
