package dev.edw.sqlite;

import dev.edw.api.InvalidInputException;
import dev.edw.api.backend.ResourceUri;
import java.nio.file.Path;
import org.sqlite.SQLiteConfig.SynchronousMode;

/**
 * Where an embedded-store URI points and how durable its commits are: for tools that open the same
 * file outside the SPI (the bench's plain-loop baseline).
 *
 * @param file the absolute, normalized SQLite file
 * @param synchronous the {@code ?sync=} setting (default {@code full})
 */
public record SqliteLocation(Path file, SynchronousMode synchronous) {
  public static SqliteLocation of(ResourceUri uri) {
    return new SqliteLocation(fileOf(uri), SqliteOptions.from(uri).synchronous());
  }

  static Path fileOf(ResourceUri uri) {
    if (!uri.fragmentName() || uri.location().isBlank()) {
      throw new InvalidInputException(
          "'"
              + uri
              + "' is not an embedded-store URI: write sqlite:PATH#NAME,"
              + " e.g. sqlite:edw-data/edw.db#orders");
    }
    String location = uri.location();
    if (location.startsWith("//")) {
      location = location.substring(2);
    }
    return Path.of(location).toAbsolutePath().normalize();
  }
}
