package dev.edw.cli;

import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT into a graceful drain. The JVM's default handling would run shutdown
 * hooks and exit with 143; here the signal only asks the worker to stop, and the command returns
 * its own exit code (0 after a clean drain) once the drain is done. A second signal exits at once.
 */
final class Signals {
  private Signals() {}

  private static volatile boolean received;

  static void onTermination(Runnable drain) {
    for (String name : new String[] {"TERM", "INT"}) {
      Signal.handle(
          new Signal(name),
          signal -> {
            if (received) {
              Runtime.getRuntime().halt(128 + signal.getNumber());
            }
            received = true;
            Summary.print("edw: SIG" + signal.getName() + " received, draining");
            drain.run();
          });
    }
  }
}
