package dev.edw.sqlite;

import dev.edw.api.InvalidInputException;
import dev.edw.api.backend.ResourceUri;
import java.time.Duration;
import java.util.Locale;
import org.sqlite.SQLiteConfig.SynchronousMode;

/**
 * Settings of one SQLite file, read from URI parameters.
 *
 * @param synchronous {@code ?sync=full} (default: a commit survives power loss) or {@code
 *     ?sync=normal} (survives a process crash, not power loss; faster)
 * @param busyTimeout how long a writer waits for another process's lock ({@code ?busyTimeoutMs=})
 */
record SqliteOptions(SynchronousMode synchronous, Duration busyTimeout) {
  static final SynchronousMode DEFAULT_SYNCHRONOUS = SynchronousMode.FULL;
  static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(30);

  /** The URI parameters a {@code sqlite:} URI may carry. */
  static final java.util.Set<String> PARAMS = java.util.Set.of("sync", "busyTimeoutMs");

  static SqliteOptions from(ResourceUri uri) {
    SynchronousMode sync =
        uri.param("sync")
            .map(
                s ->
                    switch (s.toLowerCase(Locale.ROOT)) {
                      case "full" -> SynchronousMode.FULL;
                      case "normal" -> SynchronousMode.NORMAL;
                      case "off" -> SynchronousMode.OFF;
                      default ->
                          throw new InvalidInputException(
                              "'" + uri + "': sync must be full, normal or off, not '" + s + "'");
                    })
            .orElse(DEFAULT_SYNCHRONOUS);
    Duration busy =
        uri.param("busyTimeoutMs")
            .map(v -> Duration.ofMillis(parsePositive(uri, "busyTimeoutMs", v)))
            .orElse(DEFAULT_BUSY_TIMEOUT);
    return new SqliteOptions(sync, busy);
  }

  private static long parsePositive(ResourceUri uri, String key, String value) {
    try {
      long parsed = Long.parseLong(value);
      if (parsed > 0) {
        return parsed;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new InvalidInputException("'" + uri + "': " + key + " must be a positive number");
  }
}
