package dev.edw.cli;

import dev.edw.api.ResourceNotFoundException;
import dev.edw.api.backend.ResourceUri;
import dev.edw.api.queue.WorkQueue;
import dev.edw.core.backend.Backends;
import dev.edw.core.redrive.RedriveOptions;
import dev.edw.core.redrive.Redriver;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code edw queue redrive Q-poison [--to Q] [--filter TEXT] [--max N] [--dry-run]}. */
@Command(
    name = "redrive",
    mixinStandardHelpOptions = true,
    description = {
      "Put poison messages back: send each entry's original body to its work queue as a new"
          + " message (dequeue count starts again), then delete the entry.",
      "An entry is deleted only after its send succeeded. Entries left out (--filter, --max) stay"
          + " in the poison queue."
    })
final class QueueRedriveCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      paramLabel = "POISON",
      description = "The poison queue, e.g. orders-poison or sqs://us-east-1/orders-poison.")
  String poisonUri;

  @Option(
      names = "--to",
      paramLabel = "QUEUE",
      description =
          "Send to this queue: a name on the poison queue's backend, or a URI. Default: the queue"
              + " each entry came from.")
  String to;

  @Option(
      names = "--filter",
      paramLabel = "TEXT",
      description = "Only entries whose body or failure reason contains TEXT.")
  String filter;

  @Option(
      names = "--max",
      paramLabel = "N",
      description = "Put back at most N entries; 0 for all. Default: ${DEFAULT-VALUE}.",
      defaultValue = "0")
  long max;

  @Option(
      names = "--dry-run",
      description = "Print what would be put back; send and delete nothing.")
  boolean dryRun;

  @Override
  public Integer call() {
    Backends backends = Backends.system();
    try (WorkQueue poison = backends.existingQueue(poisonUri)) {
      Redriver redriver = new Redriver(poison, to, target -> open(backends, poison.uri(), target));
      Redriver.Report report =
          redriver.run(
              RedriveOptions.of(max, filter, dryRun),
              (body, target) ->
                  System.out.println((dryRun ? "would redrive to " : "redriven to ") + target));
      System.err.printf(
          "%s %d message(s) of %s, %d left in it%n",
          dryRun ? "would redrive" : "redrove", report.redriven(), poison.uri(), report.skipped());
    }
    return Main.EXIT_OK;
  }

  /** A bare name lives beside the poison queue; anything with a scheme is a URI of its own. */
  private static WorkQueue open(Backends backends, ResourceUri poison, String target) {
    ResourceUri uri = target.contains(":") ? backends.parse(target) : poison.withName(target);
    WorkQueue queue = backends.queue(uri);
    if (!queue.exists()) {
      queue.close();
      throw new ResourceNotFoundException(
          "queue '" + uri + "' to redrive to does not exist: create it or give --to QUEUE");
    }
    return queue;
  }
}
