package dev.edw.cli;

import dev.edw.core.backend.Backends;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code edw job}: the entry point of a Kubernetes Job or KEDA ScaledJob. The same consumer as
 * {@code consume}, run until the queue is empty (nothing visible, nothing leased) or {@code
 * --max-messages} are done.
 *
 * <p>Exit codes: 0 when the work is done, including messages that went to the poison queue (they
 * are handled, and the summary line counts them); 4 when the queue stayed unreachable for longer
 * than {@code --outage-timeout}; 1 when a drain timed out with work still running; 2 and 3 for bad
 * input and missing resources, as everywhere.
 */
@Command(
    name = "job",
    mixinStandardHelpOptions = true,
    defaultValueProvider = ConsumerDefaults.class,
    description = {
      "Run a batch job (Kubernetes Job, KEDA ScaledJob): consume until the queue is empty"
          + " (nothing visible, nothing leased) or --max-messages are done, then exit 0.",
      "Poisoned messages are handled, not a failure: the summary line counts them. A queue that"
          + " stays unreachable for --outage-timeout exits 4; a drain that times out exits 1.",
      "Processors that write rows (record, and the summary row of aggregate-temperature) write"
          + " them to --table, by default edwresults in the default store."
    })
final class JobCommand implements Callable<Integer> {
  static final Duration DEFAULT_OUTAGE_TIMEOUT = Duration.ofSeconds(60);

  @Mixin QueueOption queue;
  @Mixin TableOption table;
  @Mixin ConsumerFlags flags;

  @Option(
      names = "--until-empty",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "Exit once nothing is visible or in flight. On by default; --no-until-empty waits for"
              + " --max-messages instead.")
  boolean untilEmpty;

  @Option(
      names = "--outage-timeout",
      description =
          "Give up (exit 4) when receives fail for this long without a success. Default: 60s.",
      defaultValue = "60s")
  Duration outageTimeout;

  @Option(
      names = "--metrics-port",
      description =
          "Port of /healthz, /readyz and /metrics; 0 picks one, -1 turns them off. Default: $EDW_METRICS_PORT, else ${DEFAULT-VALUE} (off, so that several jobs share a machine).",
      defaultValue = "${env:EDW_METRICS_PORT:--1}")
  int metricsPort;

  @Override
  public Integer call() throws Exception {
    if (!untilEmpty && flags.maxMessages == 0) {
      throw new IllegalArgumentException(
          "a job ends when the queue is empty or after --max-messages: with --no-until-empty,"
              + " give --max-messages N");
    }
    Backends backends = Backends.system();
    ConsumerRun.Outcome outcome =
        ConsumerRun.run(
            backends,
            new ConsumerRun.Spec(
                queue.resolve(backends),
                table.resolve(backends),
                flags,
                flags.options(untilEmpty),
                metricsPort,
                outageTimeout));
    String end =
        outcome.outage() != null
            ? "gave up: the queue was unreachable for over " + outageTimeout
            : outcome.report().timedOut()
                ? "drain timed out with " + outcome.report().abandoned() + " still running"
                : outcome.signalled()
                    ? "stopped by a signal"
                    : flags.maxMessages > 0 && outcome.report().completed() >= flags.maxMessages
                        ? "reached --max-messages"
                        : "queue empty";
    if (outcome.poisoned() > 0) {
      end += "; NOT clean: " + outcome.poisoned() + " message(s) went to the poison queue";
    }
    Summary.print(
        String.format(
            "job %s: %d message(s) completed (%d poisoned), %d released: %s",
            outcome.queue(),
            outcome.report().completed(),
            outcome.poisoned(),
            outcome.report().released(),
            end));
    if (outcome.outage() != null) {
      Summary.print("job " + outcome.queue() + ": last error: " + outcome.outage());
      return Main.EXIT_UNAVAILABLE;
    }
    return outcome.report().timedOut() ? Main.EXIT_FAILURE : Main.EXIT_OK;
  }
}
