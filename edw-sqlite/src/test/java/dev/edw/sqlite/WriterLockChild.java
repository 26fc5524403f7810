package dev.edw.sqlite;

import dev.edw.api.backend.BackendContext;
import dev.edw.api.backend.ResourceUri;
import dev.edw.api.queue.ReceivedMessage;
import dev.edw.api.queue.WorkQueue;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A second process for {@link WriterLockTest}, started as a child JVM on the test class path:
 *
 * <ul>
 *   <li>{@code hold FILE [SUFFIX]}: takes the writer lock of FILE (or the lock of side file FILE +
 *       SUFFIX) as another edw would, prints {@code held}, and lets go when its standard input
 *       ends;
 *   <li>{@code drain FILE QUEUE}: receives the queue to the end, inserting each message's id into
 *       table {@code done} (a primary key, so a message handled twice fails) before deleting it.
 * </ul>
 */
public final class WriterLockChild {
  private WriterLockChild() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[1]);
    switch (args[0]) {
      case "hold" -> hold(file, args.length > 2 ? args[2] : WriterLock.SUFFIX);
      case "drain" -> drain(file, args[2]);
      default -> throw new IllegalArgumentException(args[0]);
    }
  }

  private static void hold(Path file, String suffix) throws Exception {
    Path sidecar = file.resolveSibling(file.getFileName() + suffix);
    try (FileChannel channel =
            FileChannel.open(sidecar, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.lock()) {
      System.out.println("held");
      System.out.flush();
      new BufferedReader(new InputStreamReader(System.in)).readLine();
    }
  }

  private static void drain(Path file, String queue) throws Exception {
    ResourceUri uri = ResourceUri.parse("sqlite:" + file + "#" + queue);
    SqliteBackendProvider provider = new SqliteBackendProvider();
    try (WorkQueue q = provider.openQueue(uri, BackendContext.system());
        SqliteStore done = new SqliteStore(file, SqliteOptions.from(uri))) {
      while (true) {
        List<ReceivedMessage> batch = q.receive(10, Duration.ofMinutes(5), Duration.ZERO);
        if (batch.isEmpty()) {
          return;
        }
        done.inTransaction(
            "record",
            s -> {
              PreparedStatement insert = s.prepare("INSERT INTO done(id) VALUES (?)");
              for (ReceivedMessage m : batch) {
                insert.setString(1, m.id());
                insert.executeUpdate();
              }
              return null;
            });
        List<dev.edw.api.queue.Receipt> receipts = new ArrayList<>();
        batch.forEach(m -> receipts.add(m.receipt()));
        q.delete(receipts);
      }
    }
  }
}
