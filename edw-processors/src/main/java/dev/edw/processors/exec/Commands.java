package dev.edw.processors.exec;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Start-up checks and clean-up for the user's command. */
final class Commands {
  private Commands() {}

  /**
   * Checks that the program exists and is executable (on {@code PATH} when it has no slash), so
   * that a typo is an error at start-up rather than a failure per message.
   */
  static void checkRunnable(List<String> command) {
    String program = command.get(0);
    if (program.contains(File.separator)) {
      Path p = Path.of(program);
      if (!Files.isRegularFile(p) || !Files.isExecutable(p)) {
        throw new IllegalArgumentException(
            "processor 'exec' cannot start '" + program + "': not an executable file");
      }
      return;
    }
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path p = Path.of(dir, program);
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return;
      }
    }
    throw new IllegalArgumentException(
        "processor 'exec' cannot start '" + program + "': not found on PATH");
  }

  /** Kills a process and everything it started, at once. */
  static void kill(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  /** The command as one line, for logs. */
  static String describe(List<String> command) {
    return String.join(" ", command);
  }
}
