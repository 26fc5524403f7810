package dev.edw.cli;

import dev.edw.core.backend.Backends;
import picocli.CommandLine.Option;

/**
 * {@code --queue URI}. A bare name lives in the default store ({@code EDW_STORE}, else {@code
 * sqlite:edw-data/edw.db}); the seed's AZURE_QUEUE_NAME gives the default name.
 */
final class QueueOption {
  static final String DEFAULT_QUEUE = "edw-queue";

  @Option(
      names = {"-q", "--queue"},
      paramLabel = "URI",
      description = "Work queue URI or bare name (default: $AZURE_QUEUE_NAME, else edw-queue).")
  String queue;

  String resolve(Backends backends) {
    return resolve(backends, queue);
  }

  /** {@code given}, else the default queue: the one every command uses when none is named. */
  static String resolve(Backends backends, String given) {
    return given != null
        ? given
        : backends.context().envVar("AZURE_QUEUE_NAME").orElse(DEFAULT_QUEUE);
  }
}
