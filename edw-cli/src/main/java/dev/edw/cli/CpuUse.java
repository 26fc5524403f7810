package dev.edw.cli;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time used so far by this JVM and by its finished child processes (Linux: the {@code cutime}
 * and {@code cstime} of {@code /proc/self/stat}, counted once a child is reaped), so {@code edw
 * bench} can say what a message costs whatever else the machine runs.
 *
 * @param selfNanos this process's CPU time
 * @param childrenNanos the CPU time of reaped children; -1 where the system does not say
 */
record CpuUse(long selfNanos, long childrenNanos) {
  /** Clock ticks per second of {@code /proc}'s times (USER_HZ, 100 on Linux). */
  private static final long TICKS_PER_SECOND = 100;

  static CpuUse now() {
    long self = -1;
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      self = os.getProcessCpuTime();
    }
    return new CpuUse(self, children());
  }

  private static long children() {
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"));
      // fields after the command name, which is in parentheses and may hold spaces
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(f[13]) + Long.parseLong(f[14]);
      return ticks * 1_000_000_000L / TICKS_PER_SECOND;
    } catch (Exception e) {
      return -1;
    }
  }

  /** Microseconds of CPU per message between {@code before} and this, as text. */
  String perMessageSince(CpuUse before, long messages) {
    double self = (selfNanos - before.selfNanos) / 1e3 / messages;
    if (childrenNanos < 0 || before.childrenNanos < 0) {
      return String.format("cpu %.0f us/msg in edw", self);
    }
    double children = (childrenNanos - before.childrenNanos) / 1e3 / messages;
    return String.format("cpu %.0f us/msg in edw + %.0f in child processes", self, children);
  }
}
