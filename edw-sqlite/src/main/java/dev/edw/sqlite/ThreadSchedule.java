package dev.edw.sqlite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the OS scheduler has done with the calling thread so far, from Linux's {@code
 * /proc/thread-self/schedstat}: time on a CPU and time runnable but waiting for one. Read before
 * and after a stretch of work, the difference tells CPU work from waiting for a CPU (and the rest
 * of the wall time is time asleep, e.g. in {@code fsync}). For diagnostics only: two small file
 * reads a call.
 *
 * @param thread the OS thread's id, so that a virtual thread moved to another carrier in between is
 *     not measured across two threads
 * @param onCpuNanos time spent running
 * @param waitingNanos time spent runnable, waiting for a CPU
 */
record ThreadSchedule(long thread, long onCpuNanos, long waitingNanos) {
  private static final Path SELF = Path.of("/proc/thread-self");
  private static final Path SCHEDSTAT = SELF.resolve("schedstat");

  /** The calling thread's figures, or null where the OS does not give them. */
  static ThreadSchedule now() {
    try {
      String link = Files.readSymbolicLink(SELF).toString();
      String[] fields = Files.readString(SCHEDSTAT).trim().split(" ");
      return new ThreadSchedule(
          Long.parseLong(link.substring(link.lastIndexOf('/') + 1)),
          Long.parseLong(fields[0]),
          Long.parseLong(fields[1]));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Whether {@code later} was read on the same OS thread, so that the two can be subtracted. */
  boolean sameThread(ThreadSchedule later) {
    return later != null && later.thread == thread;
  }
}
