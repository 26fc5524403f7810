package dev.edw.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edw.testkit.Tmpfs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reserve beside a database: twice the WAL's checkpoint, grown from an earlier build's. */
class DiskReserveTest {
  private static final int OLD_BYTES = 8 * 1024 * 1024;

  @TempDir Path dir;

  private static Path reserveOf(Path database) {
    return database.resolveSibling(database.getFileName() + "-reserve");
  }

  @Test
  void a_store_opened_with_room_keeps_a_reserve_of_twice_the_wal_checkpoint() throws Exception {
    Path db = dir.resolve("edw.db");
    ScratchStore.open(db).close();

    assertThat(Files.size(reserveOf(db))).isEqualTo(2 * WalCheckpoint.BYTES);
  }

  @Test
  void a_smaller_reserve_made_by_an_earlier_build_grows_to_the_full_size() throws Exception {
    Path db = dir.resolve("edw.db");
    Files.write(reserveOf(db), new byte[OLD_BYTES]);

    ScratchStore.open(db).close();

    assertThat(Files.size(reserveOf(db))).isEqualTo(DiskReserve.BYTES);
  }

  @Test
  void a_smaller_reserve_without_room_to_grow_stays_as_it_was() throws Exception {
    try (Tmpfs disk = Tmpfs.mount(dir.resolve("small"), OLD_BYTES / (1024 * 1024) + 4)) {
      Path db = disk.dir().resolve("edw.db");
      Files.write(reserveOf(db), new byte[OLD_BYTES]);

      new DiskReserve(db).ensure();

      assertThat(Files.size(reserveOf(db))).isEqualTo(OLD_BYTES);
    }
  }

  @Test
  void a_disk_without_room_for_a_reserve_gets_none() throws Exception {
    try (Tmpfs disk = Tmpfs.mount(dir.resolve("small"), 4)) {
      Path db = disk.dir().resolve("edw.db");

      new DiskReserve(db).ensure();

      assertThat(reserveOf(db)).doesNotExist();
    }
  }
}
