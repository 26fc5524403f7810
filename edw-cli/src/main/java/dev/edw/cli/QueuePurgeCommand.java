package dev.edw.cli;

import dev.edw.api.InvalidInputException;
import dev.edw.api.queue.QueueDepth;
import dev.edw.api.queue.WorkQueue;
import dev.edw.core.backend.Backends;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code edw queue purge [URI] [--yes]}: asks first on a terminal, needs --yes elsewhere. */
@Command(
    name = "purge",
    mixinStandardHelpOptions = true,
    description = {
      "Delete every message of a queue, on any backend.",
      "Asks for confirmation on a terminal; from a script or pipe, pass --yes."
    })
final class QueuePurgeCommand implements Callable<Integer> {
  @Parameters(index = "0", arity = "0..1", paramLabel = "URI", description = QueueCommand.URI_HELP)
  String uri;

  @Option(
      names = {"-y", "--yes"},
      description = "Purge without asking (needed when not on a terminal).")
  boolean yes;

  @Override
  public Integer call() {
    Backends backends = Backends.system();
    try (WorkQueue q = backends.existingQueue(QueueOption.resolve(backends, uri))) {
      if (!yes) {
        QueueDepth depth = q.depth();
        String what =
            "Delete all "
                + depth.total()
                + (depth.exact() ? "" : " (approximately)")
                + " message(s) of "
                + q.uri()
                + "?";
        if (!Terminal.interactive()) {
          throw new InvalidInputException(
              "refusing to purge " + q.uri() + " without confirmation: pass --yes");
        }
        if (!Terminal.confirm(what)) {
          System.err.println("not purged: " + q.uri());
          return Main.EXIT_FAILURE;
        }
      }
      long n = q.purge();
      System.err.println(n < 0 ? "purged " + q.uri() : "purged " + n + " message(s) of " + q.uri());
    }
    return Main.EXIT_OK;
  }
}
