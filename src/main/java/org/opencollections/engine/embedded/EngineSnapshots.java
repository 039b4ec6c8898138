package org.opencollections.engine.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's state snapshots: RocksDB checkpoints of its runtime state, each in a directory named after the
 * log position it covers, as the Zeebe broker keeps them.
 *
 * <p>A snapshot is taken into a {@code pending-} directory, every file in it is forced to disk, a
 * {@code snapshot.properties} marks it complete, and only then is it renamed into place (an atomic rename
 * within one directory) and the older ones deleted. A crash at any point leaves either the old snapshot or
 * the new one, never half of one; pending directories are cleared on the next start.
 */
final class EngineSnapshots {

  private static final Logger LOG = LoggerFactory.getLogger(EngineSnapshots.class);
  private static final String MARKER = "snapshot.properties";
  private static final String PENDING = "pending-";

  /** A complete snapshot: the state of every record up to at least {@code position}. */
  record Snapshot(Path path, long position, Instant takenAt, long bytes) {}

  private final Path dir;

  EngineSnapshots(Path dir) {
    this.dir = dir;
    try {
      Files.createDirectories(dir);
      try (Stream<Path> list = Files.list(dir)) {
        for (Path p : list.filter(p -> p.getFileName().toString().startsWith(PENDING)).toList()) {
          LOG.info("Removing the unfinished engine snapshot {}", p.getFileName());
          deleteTree(p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not open the engine's snapshots in " + dir, e);
    }
  }

  Optional<Snapshot> latest() {
    return all().stream().max(Comparator.comparingLong(Snapshot::position));
  }

  List<Snapshot> all() {
    try (Stream<Path> list = Files.list(dir)) {
      return list.filter(p -> Files.isRegularFile(p.resolve(MARKER))).map(EngineSnapshots::read).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Replaces {@code runtime} with a copy of the snapshot (SST files, which RocksDB never changes, are linked). */
  static void restore(Snapshot snapshot, Path runtime) {
    try {
      deleteTree(runtime);
      Files.createDirectories(runtime);
      try (Stream<Path> files = Files.list(snapshot.path())) {
        for (Path file : files.toList()) {
          String name = file.getFileName().toString();
          if (name.equals(MARKER)) {
            continue;
          }
          Path target = runtime.resolve(name);
          if (name.endsWith(".sst")) {
            Files.createLink(target, file);
          } else {
            Files.copy(file, target);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not restore the engine's state from " + snapshot.path(), e);
    }
  }

  /**
   * Takes a snapshot at {@code position}: {@code checkpoint} writes the state into the directory it is given
   * (which must not exist yet). Returns the snapshot once it is complete and on disk.
   */
  Snapshot take(long position, Consumer<Path> checkpoint) {
    Path pending = dir.resolve(PENDING + position);
    Path done = dir.resolve(String.format("%020d", position));
    try {
      deleteTree(pending);
      checkpoint.accept(pending);
      long bytes = 0;
      try (Stream<Path> files = Files.list(pending)) {
        for (Path file : files.toList()) {
          bytes += Files.size(file);
          force(file);
        }
      }
      Properties marker = new Properties();
      Instant takenAt = Instant.now();
      marker.setProperty("position", Long.toString(position));
      marker.setProperty("takenAt", takenAt.toString());
      marker.setProperty("bytes", Long.toString(bytes));
      Path markerFile = pending.resolve(MARKER);
      try (var out = Files.newOutputStream(markerFile)) {
        marker.store(out, "a complete snapshot of the engine's state");
      }
      force(markerFile);
      force(pending);
      if (Files.exists(done)) {
        deleteTree(done); // the same position again (nothing processed since): the new one replaces it
      }
      Files.move(pending, done, StandardCopyOption.ATOMIC_MOVE);
      force(dir);
      Snapshot snapshot = new Snapshot(done, position, takenAt, bytes);
      for (Snapshot older : all()) {
        if (older.position() < position) {
          deleteTree(older.path());
        }
      }
      return snapshot;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not take a snapshot of the engine's state in " + dir, e);
    }
  }

  private static Snapshot read(Path path) {
    Properties marker = new Properties();
    try (var in = Files.newInputStream(path.resolve(MARKER))) {
      marker.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Snapshot(
        path,
        Long.parseLong(marker.getProperty("position")),
        Instant.parse(marker.getProperty("takenAt")),
        Long.parseLong(marker.getProperty("bytes", "0")));
  }

  private static void force(Path path) throws IOException {
    try (FileChannel channel =
        FileChannel.open(path, Files.isDirectory(path) ? StandardOpenOption.READ : StandardOpenOption.WRITE)) {
      channel.force(true);
    }
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
            Files.delete(d);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
