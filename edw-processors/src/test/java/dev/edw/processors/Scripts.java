package dev.edw.processors;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Small programs the tests run as the user's code, and the repository's examples. */
public final class Scripts {
  private Scripts() {}

  /** A file of the repository's examples/ directory (tests run in the module's directory). */
  public static Path example(String relative) {
    Path p = Path.of("..", "examples").resolve(relative).toAbsolutePath().normalize();
    if (!Files.isRegularFile(p)) {
      throw new IllegalStateException("example " + p + " is missing");
    }
    return p;
  }

  /** Writes an executable script into {@code dir}. */
  public static Path write(Path dir, String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    return p;
  }
}
