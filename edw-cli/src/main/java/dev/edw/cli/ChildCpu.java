package dev.edw.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of this process's finished child processes (user + system), from {@code /proc/self/stat}
 * on Linux: on a shared machine the CPU a run used says more than its wall time. NaN elsewhere.
 */
final class ChildCpu {
  /** Clock ticks per second of {@code /proc} times ({@code getconf CLK_TCK}; 100 on Linux). */
  static final double TICKS_PER_SECOND = 100.0;

  private ChildCpu() {}

  /** Seconds of CPU used by children that have been waited for so far, or NaN. */
  static double seconds() {
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"));
      // fields after the command name, which is in parentheses and may hold spaces
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // cutime and cstime are fields 16 and 17 of the whole line, 14 and 15 here (0-based 13, 14)
      return (Long.parseLong(f[13]) + Long.parseLong(f[14])) / TICKS_PER_SECOND;
    } catch (Exception e) {
      return Double.NaN;
    }
  }
}
