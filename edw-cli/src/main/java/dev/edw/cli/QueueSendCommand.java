package dev.edw.cli;

import dev.edw.api.InvalidInputException;
import dev.edw.api.queue.OutgoingMessage;
import dev.edw.api.queue.WorkQueue;
import dev.edw.core.backend.Backends;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code edw queue send [URI] TEXT} or {@code edw queue send [URI] --file PATH|-}. */
@Command(
    name = "send",
    mixinStandardHelpOptions = true,
    description = {
      "Send one raw message body; prints its id. Creates the queue if missing.",
      "With one argument it is TEXT, sent to the default queue ($AZURE_QUEUE_NAME, else"
          + " edw-queue); with --file the one argument is the URI.",
      "The body must be UTF-8 text: other bytes are refused, never replaced."
    })
final class QueueSendCommand implements Callable<Integer> {
  @Parameters(
      arity = "0..2",
      paramLabel = "[URI] TEXT",
      description = "The queue (optional) and the body, sent as is (or give --file).")
  List<String> args = new ArrayList<>();

  @Option(
      names = "--file",
      paramLabel = "PATH",
      description = "Read the body from a file (UTF-8), or from standard input with --file -.")
  String file;

  @Override
  public Integer call() {
    String uri;
    String body;
    if (file != null) {
      if (args.size() > 1) {
        throw new InvalidInputException("give the body as TEXT or with --file, not both");
      }
      uri = args.isEmpty() ? null : args.get(0);
      body = BodyInput.fromFile(file, System.in);
    } else {
      if (args.isEmpty()) {
        throw new InvalidInputException("give the body as TEXT or with --file PATH (- for stdin)");
      }
      uri = args.size() == 2 ? args.get(0) : null;
      body = BodyInput.fromText(args.get(args.size() - 1));
    }
    Backends backends = Backends.system();
    try (WorkQueue q = backends.queue(QueueOption.resolve(backends, uri))) {
      q.createIfMissing();
      System.out.println(q.send(OutgoingMessage.of(body)));
      System.err.println("sent 1 message to " + q.uri());
    }
    return Main.EXIT_OK;
  }
}
