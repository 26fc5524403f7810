package dev.edw.sqlite;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Space kept free beside a database ({@code <file>-reserve}), so consumers can drain a store whose
 * disk filled up. A receive, delete or lease change must write (to the WAL), so on a full disk even
 * draining fails; when it does, the store gives the reserve back to the filesystem, checkpoints and
 * truncates its WAL, and tries once more; the deletes then free pages for what follows. The
 * checkpoint is what needs the room: the WAL a producer left behind holds up to SQLite's
 * auto-checkpoint threshold (about 16 MiB, {@link WalCheckpoint}) of pages new to the database,
 * plus the last transaction, and copying them in grows the database file by as much. The reserve is
 * twice that threshold, so the checkpoint fits even after a large last send. Sends never use it, so
 * a producer that fills the disk leaves the reserve to the consumers. Made when a store is opened
 * with room for it; a missing reserve (no room) is no error.
 */
final class DiskReserve {
  private static final Logger log = LoggerFactory.getLogger(DiskReserve.class);
  static final int BYTES = 2 * (int) WalCheckpoint.BYTES;

  /** Written a block at a time, so that making the reserve takes no large array. */
  private static final int BLOCK = 64 * 1024;

  private final Path file;

  DiskReserve(Path database) {
    this.file = database.resolveSibling(database.getFileName() + "-reserve");
  }

  /**
   * Makes the reserve, or brings a smaller one (made by an earlier build, for a smaller checkpoint)
   * up to {@link #BYTES}; gives up quietly without room, leaving no new reserve and an old one as
   * it was.
   */
  void ensure() {
    long have;
    try {
      have = Files.size(file);
    } catch (NoSuchFileException e) {
      have = 0;
    } catch (IOException e) {
      return;
    }
    if (have >= BYTES) {
      return;
    }
    try (OutputStream out =
        Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      byte[] block = new byte[BLOCK];
      for (long written = have; written < BYTES; written += BLOCK) {
        out.write(block, 0, (int) Math.min(BLOCK, BYTES - written));
      }
      out.flush();
    } catch (IOException e) {
      log.debug("no room for the disk reserve {}: {}", file, e.toString());
      if (have == 0) {
        release();
      } else {
        shrinkTo(have);
      }
    }
  }

  private void shrinkTo(long size) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.truncate(size);
    } catch (IOException e) {
      log.debug(
          "could not take the disk reserve {} back to {} bytes: {}", file, size, e.toString());
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
