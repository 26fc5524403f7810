package dev.edw.sqlite;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Space kept free beside a database ({@code <file>-reserve}), so consumers can drain a store whose
 * disk filled up. A receive, delete or lease change must write (to the WAL), so on a full disk even
 * draining fails; when it does, the store gives the reserve back to the filesystem, checkpoints and
 * truncates its WAL, and tries once more; the deletes then free pages for what follows. The
 * checkpoint is what needs the room: the WAL a producer left behind holds up to SQLite's
 * auto-checkpoint threshold (about 4 MiB, {@link WalCheckpoint}) of pages new to the database, plus
 * the last transaction, and copying them in grows the database file by as much. The reserve is
 * twice that threshold, so the checkpoint fits even after a large last send. Sends never use it, so
 * a producer that fills the disk leaves the reserve to the consumers. Made when a store is opened
 * with room for it; a missing reserve (no room) is no error.
 */
final class DiskReserve {
  private static final Logger log = LoggerFactory.getLogger(DiskReserve.class);
  static final int BYTES = 8 * 1024 * 1024;

  private final Path file;

  DiskReserve(Path database) {
    this.file = database.resolveSibling(database.getFileName() + "-reserve");
  }

  /** Makes the reserve unless it exists; gives up quietly (and leaves none) without room. */
  void ensure() {
    if (Files.exists(file)) {
      return;
    }
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(new byte[BYTES]);
      out.flush();
    } catch (IOException e) {
      log.debug("no room for the disk reserve {}: {}", file, e.toString());
      release();
    }
  }

  /** Frees the reserve; returns whether there was one. */
  boolean release() {
    try {
      boolean released = Files.deleteIfExists(file);
      if (released) {
        log.warn(
            "the disk of {} is full: released its {} KiB reserve so consumers can drain; free"
                + " some space",
            file.getParent(),
            BYTES / 1024);
      }
      return released;
    } catch (IOException e) {
      return false;
    }
  }
}
