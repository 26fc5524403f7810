package dev.edw.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edw.api.queue.QueueDepth;
import dev.edw.api.queue.ReceivedMessage;
import dev.edw.api.queue.WorkQueue;
import dev.edw.core.backend.Backends;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code edw queue ...}: small tools for scripts and operators. Every subcommand's URI defaults to
 * the queue {@code produce} and {@code consume} use ($AZURE_QUEUE_NAME, else edw-queue).
 */
@Command(
    name = "queue",
    mixinStandardHelpOptions = true,
    description = "Inspect and change a queue. URI defaults to $AZURE_QUEUE_NAME, else edw-queue.",
    subcommands = {
      QueueSendCommand.class,
      QueueCommand.Stats.class,
      QueueCommand.Peek.class,
      QueuePurgeCommand.class,
      QueueCommand.Create.class,
      QueueRedriveCommand.class
    })
final class QueueCommand implements Callable<Integer> {
  static final String URI_HELP =
      "Queue URI or bare name (default: $AZURE_QUEUE_NAME, else "
          + QueueOption.DEFAULT_QUEUE
          + ").";

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    return Main.missingSubcommand(spec);
  }

  @Command(
      name = "stats",
      mixinStandardHelpOptions = true,
      description = "Visible, in-flight and poison counts.")
  static final class Stats implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "URI", description = URI_HELP)
    String uri;

    @Option(
        names = "--json",
        description = "Print {\"visible\": N, \"inFlight\": N, \"poison\": N}.")
    boolean json;

    @Override
    public Integer call() {
      Backends backends = Backends.system();
      try (WorkQueue q = backends.existingQueue(QueueOption.resolve(backends, uri));
          WorkQueue poison = backends.poisonQueue(q)) {
        QueueDepth depth = q.depth();
        long poisonCount = poison.exists() ? poison.depth().total() : 0;
        if (json) {
          ObjectNode node = new ObjectMapper().createObjectNode();
          node.put("visible", depth.visible());
          node.put("inFlight", depth.inFlight());
          node.put("delayed", depth.delayed());
          node.put("poison", poisonCount);
          node.put("exact", depth.exact());
          System.out.println(node);
        } else {
          System.out.printf(
              "visible %d, in flight %d, delayed %d, poison %d%s%n",
              depth.visible(),
              depth.inFlight(),
              depth.delayed(),
              poisonCount,
              depth.exact() ? "" : " (approximate)");
        }
      }
      return Main.EXIT_OK;
    }
  }

  @Command(
      name = "peek",
      mixinStandardHelpOptions = true,
      description = "Show visible messages without taking them, one JSON line each.")
  static final class Peek implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "URI", description = URI_HELP)
    String uri;

    @Option(
        names = {"-n", "--count"},
        defaultValue = "10",
        description = "How many. Default: ${DEFAULT-VALUE}.")
    int count;

    @Override
    public Integer call() {
      ObjectMapper json = new ObjectMapper();
      Backends backends = Backends.system();
      try (WorkQueue q = backends.existingQueue(QueueOption.resolve(backends, uri))) {
        int max = Math.min(count, q.limits().maxReceiveBatch());
        for (ReceivedMessage m : q.peek(max)) {
          ObjectNode node = json.createObjectNode();
          node.put("id", m.id());
          node.put("dequeueCount", m.dequeueCount());
          node.put("enqueuedAt", m.enqueuedAt() == null ? null : m.enqueuedAt().toString());
          node.put("body", m.body());
          System.out.println(node);
        }
      }
      return Main.EXIT_OK;
    }
  }

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Create a queue (and nothing else) if it is missing.")
  static final class Create implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "URI", description = URI_HELP)
    String uri;

    @Override
    public Integer call() {
      Backends backends = Backends.system();
      try (WorkQueue q = backends.queue(QueueOption.resolve(backends, uri))) {
        System.err.println((q.createIfMissing() ? "created " : "exists: ") + q.uri());
      }
      return Main.EXIT_OK;
    }
  }
}
