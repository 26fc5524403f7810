package dev.edw.cli;

import dev.edw.api.queue.WorkQueue;
import dev.edw.core.backend.Backends;
import dev.edw.core.producer.Producer;
import dev.edw.core.producer.ProducerOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code edw produce}: sends the seed's messages. */
@Command(
    name = "produce",
    mixinStandardHelpOptions = true,
    description = {
      "Send messages in the seed's format {\"msg\": ..., \"srcStamp\": ...} to a queue,"
          + " creating it if missing.",
      "Stops after --count messages or --duration, whichever comes first."
    })
final class ProduceCommand implements Callable<Integer> {
  @Mixin QueueOption queue;

  @Option(
      names = {"-n", "--count"},
      description =
          "Messages to send; 0 for no limit (needs --duration). Default: "
              + ProducerOptions.DEFAULT_COUNT
              + ", or no limit when --duration is given.")
  Long count;

  @Option(names = "--duration", description = "Send for this long, e.g. 30s, 5m.")
  Duration duration;

  @Option(
      names = "--rate",
      description = "Messages per second; 0 for unlimited (default).",
      defaultValue = "0")
  double rate;

  @Option(
      names = "--payload-bytes",
      description = "Pad msg to about this many bytes. Default: ${DEFAULT-VALUE}.",
      defaultValue = "0")
  int payloadBytes;

  @Option(
      names = "--batch-size",
      description = "Messages per send call (capped by the queue). Default: ${DEFAULT-VALUE}.",
      defaultValue = "" + ProducerOptions.DEFAULT_BATCH_SIZE)
  int batchSize;

  @Option(
      names = "--senders",
      description = "Concurrent senders. Default: ${DEFAULT-VALUE}.",
      defaultValue = "" + ProducerOptions.DEFAULT_SENDERS)
  int senders;

  @Option(
      names = "--group-count",
      description =
          "Spread messages over this many message groups (FIFO queues); each group is sent in"
              + " sequence order. Default: none.",
      defaultValue = "0")
  int groupCount;

  @Option(
      names = "--give-up-after",
      description =
          "Stop when a send keeps failing retryably (unreachable, throttled, disk full) for this"
              + " long; the error says exactly how many messages were sent. Default: 60s.")
  Duration giveUpAfter = ProducerOptions.DEFAULT_GIVE_UP_AFTER;

  @Option(names = "--no-progress", description = "Do not draw a progress bar.")
  boolean noProgress;

  @Override
  public Integer call() throws Exception {
    ProducerOptions options =
        new ProducerOptions(
            count != null ? count : duration != null ? 0 : ProducerOptions.DEFAULT_COUNT,
            duration,
            rate,
            payloadBytes,
            batchSize,
            senders,
            groupCount,
            giveUpAfter);
    Backends backends = Backends.system();
    try (WorkQueue q = backends.queue(queue.resolve(backends));
        Progress progress = Progress.forTerminal(!noProgress, "sent", options.count())) {
      long start = System.nanoTime();
      long sent = new Producer(q, options, Clock.systemUTC()).run(progress::update);
      progress.finish(sent);
      double seconds = (System.nanoTime() - start) / 1e9;
      System.err.printf(
          "sent %d message(s) to %s in %.2f s (%.0f msgs/s)%n",
          sent, q.uri(), seconds, sent / Math.max(seconds, 1e-9));
    }
    return Main.EXIT_OK;
  }
}
