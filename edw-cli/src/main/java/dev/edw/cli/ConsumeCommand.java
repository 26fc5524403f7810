package dev.edw.cli;

import dev.edw.core.backend.Backends;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code edw consume}: one consumer replica. */
@Command(
    name = "consume",
    mixinStandardHelpOptions = true,
    defaultValueProvider = ConsumerDefaults.class,
    description = {
      "Consume a queue: process each message, write its result, then acknowledge it.",
      "Leases are extended while work runs; failures are retried with back-off and moved to"
          + " <queue>-poison after --max-dequeue attempts.",
      "SIGTERM or SIGINT drains: no new receives, unstarted messages released at once, running"
          + " ones finished within --drain-timeout; exit 0."
    })
final class ConsumeCommand implements Callable<Integer> {
  @Mixin QueueOption queue;
  @Mixin TableOption table;
  @Mixin ConsumerFlags flags;

  @Option(
      names = "--until-empty",
      negatable = true,
      defaultValue = "false",
      fallbackValue = "true",
      description = "Exit 0 once nothing is visible or in flight (for Kubernetes Jobs).")
  boolean untilEmpty;

  @Option(
      names = "--metrics-port",
      description =
          "Port of /healthz, /readyz and /metrics; 0 picks one, -1 turns them off. Default: $EDW_METRICS_PORT, else ${DEFAULT-VALUE}.",
      defaultValue = "${env:EDW_METRICS_PORT:-9400}")
  int metricsPort;

  @Override
  public Integer call() throws Exception {
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
                null));
    Summary.print(
        String.format(
            "consumed %s: %d message(s) completed (%d poisoned), %d released, drain %s%s",
            outcome.queue(),
            outcome.report().completed(),
            outcome.poisoned(),
            outcome.report().released(),
            outcome.report().timedOut() ? "timed out" : "done",
            outcome.poisoned() > 0
                ? "; NOT clean: " + outcome.poisoned() + " message(s) went to the poison queue"
                : outcome.report().timedOut() ? "" : ", clean"));
    return outcome.report().timedOut() ? Main.EXIT_FAILURE : Main.EXIT_OK;
  }
}
