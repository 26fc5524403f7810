package dev.edw.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edw.api.queue.OutgoingMessage;
import dev.edw.api.queue.QueueDepth;
import dev.edw.api.queue.ReceivedMessage;
import dev.edw.api.queue.WorkQueue;
import dev.edw.core.backend.Backends;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code edw queue ...}: small tools for scripts and tests. */
@Command(
    name = "queue",
    mixinStandardHelpOptions = true,
    description = "Inspect and change a queue.",
    subcommands = {
      QueueCommand.Send.class,
      QueueCommand.Stats.class,
      QueueCommand.Peek.class,
      QueueCommand.Purge.class,
      QueueCommand.Create.class
    })
final class QueueCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "send",
      mixinStandardHelpOptions = true,
      description = "Send one raw message body; prints its id. Creates the queue if missing.")
  static final class Send implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "URI")
    String uri;

    @Parameters(
        index = "1",
        arity = "0..1",
        paramLabel = "TEXT",
        description = "The body, sent as is (or give --file).")
    String text;

    @picocli.CommandLine.Option(
        names = "--file",
        paramLabel = "PATH",
        description =
            "Read the body from a file (UTF-8), e.g. for bodies too long for an argument.")
    java.nio.file.Path file;

    @Override
    public Integer call() throws java.io.IOException {
      if ((text == null) == (file == null)) {
        throw new IllegalArgumentException("give the body as TEXT or with --file, not both");
      }
      String body = file != null ? java.nio.file.Files.readString(file) : text;
      try (WorkQueue q = Backends.system().queue(uri)) {
        q.createIfMissing();
        System.out.println(q.send(OutgoingMessage.of(body)));
      }
      return Main.EXIT_OK;
    }
  }

  @Command(
      name = "stats",
      mixinStandardHelpOptions = true,
      description = "Visible, in-flight and poison counts.")
  static final class Stats implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "URI")
    String uri;

    @Option(
        names = "--json",
        description = "Print {\"visible\": N, \"inFlight\": N, \"poison\": N}.")
    boolean json;

    @Override
    public Integer call() {
      Backends backends = Backends.system();
      try (WorkQueue q = backends.existingQueue(uri);
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
    @Parameters(index = "0", paramLabel = "URI")
    String uri;

    @Option(
        names = {"-n", "--count"},
        defaultValue = "10",
        description = "How many. Default: ${DEFAULT-VALUE}.")
    int count;

    @Override
    public Integer call() {
      ObjectMapper json = new ObjectMapper();
      try (WorkQueue q = Backends.system().existingQueue(uri)) {
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
      name = "purge",
      mixinStandardHelpOptions = true,
      description = "Delete every message of a queue.")
  static final class Purge implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "URI")
    String uri;

    @Override
    public Integer call() {
      try (WorkQueue q = Backends.system().existingQueue(uri)) {
        long n = q.purge();
        System.err.println(
            n < 0 ? "purged " + q.uri() : "purged " + n + " message(s) of " + q.uri());
      }
      return Main.EXIT_OK;
    }
  }

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Create a queue (and nothing else) if it is missing.")
  static final class Create implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "URI")
    String uri;

    @Override
    public Integer call() {
      try (WorkQueue q = Backends.system().queue(uri)) {
        System.err.println((q.createIfMissing() ? "created " : "exists: ") + q.uri());
      }
      return Main.EXIT_OK;
    }
  }
}
