package dev.edw.cli;

import dev.edw.core.consumer.ConsumerOptions;
import dev.edw.core.processor.Processors;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * The flags every consuming command shares ({@code consume}, {@code job}): the processor, its blob
 * store and options, and the consumer's tuning. {@code --until-empty} and {@code --metrics-port}
 * are declared by each command, because their defaults differ. The tuning flags take their defaults
 * from {@link ConsumerOptions} (see {@link ConsumerDefaults}); commands that use these flags name
 * {@code ConsumerDefaults} as their default value provider.
 */
final class ConsumerFlags {
  @Option(
      names = {"-p", "--processor"},
      description = "Processor name. Default: ${DEFAULT-VALUE}.",
      defaultValue = "record")
  String processor;

  @Option(
      names = "--blobs",
      paramLabel = "URI",
      description = "Blob store for processors that read or write blobs.")
  String blobs;

  @Option(
      names = "--processor-option",
      paramLabel = "KEY=VALUE",
      description = "Setting passed to the processor; repeatable.")
  Map<String, String> processorOptions = new LinkedHashMap<>();

  @Option(
      names = "--plugins",
      paramLabel = "DIR",
      description =
          "Directory of processor plug-in jars (ServiceLoader of ProcessorFactory)."
              + " Default: $EDW_PLUGINS.",
      defaultValue = "${env:EDW_PLUGINS}")
  String plugins;

  @Parameters(
      paramLabel = "COMMAND",
      arity = "0..*",
      description =
          "After --: the command --processor exec runs, and its arguments, e.g."
              + " --processor exec -- python3 worker.py")
  List<String> arguments = new ArrayList<>();

  @Option(
      names = {"-c", "--concurrency"},
      description = "Messages processed at once. Default: ${DEFAULT-VALUE}.")
  int concurrency;

  @Option(
      names = "--prefetch",
      description =
          "Messages received ahead of processing, at least. Given without --max-prefetch, exactly"
              + " this many. Default: ${DEFAULT-VALUE}.")
  int prefetch;

  @Option(
      names = "--max-prefetch",
      description =
          "Messages received ahead of processing, at most: while messages finish fast the"
              + " prefetch grows up to this, holding about 100 ms of work; at or below --prefetch"
              + " it stays fixed. Default: ${DEFAULT-VALUE}.")
  int maxPrefetch;

  @Option(
      names = "--visibility",
      description = "Lease per message, renewed while it runs. Default: ${DEFAULT-VALUE}.")
  Duration visibility;

  @Option(
      names = "--max-dequeue",
      description = "Attempts before a message goes to <queue>-poison. Default: ${DEFAULT-VALUE}.")
  int maxDequeue;

  @Option(
      names = "--retry-delay",
      description = "First retry back-off; doubles per attempt. Default: ${DEFAULT-VALUE}.")
  Duration retryDelay;

  @Option(
      names = "--max-retry-delay",
      description = "Longest retry back-off. Default: ${DEFAULT-VALUE}.")
  Duration maxRetryDelay;

  @Option(
      names = "--drain-timeout",
      description = "How long a drain waits for running messages. Default: ${DEFAULT-VALUE}.")
  Duration drainTimeout;

  @Option(
      names = "--max-idle-poll",
      description = "Longest wait between receives on an empty queue. Default: ${DEFAULT-VALUE}.")
  Duration maxIdlePoll;

  @Option(
      names = "--write-batch",
      description = "Most results per group commit. Default: ${DEFAULT-VALUE}.")
  int writeBatch;

  @Option(
      names = "--max-messages",
      description =
          "Exit 0 after this many messages completed; 0 for no limit. Default: ${DEFAULT-VALUE}.")
  long maxMessages;

  @Option(
      names = "--create",
      description =
          "Create the queue if it is missing, as produce does (for consumers that may start"
              + " before any producer). Without it a missing queue exits 3, so a typo in a URI"
              + " fails instead of consuming an empty new queue.")
  boolean create;

  @Option(
      names = "--progress-interval",
      description =
          "How often a progress summary is logged (rate, completed, failed, in flight, backlog);"
              + " 0 for never. On a terminal a progress line is also redrawn every second."
              + " Default: 30s.",
      defaultValue = "30s")
  Duration progressInterval;

  @Option(
      names = "--write-linger",
      description =
          "Longest a finished result waits for its group commit. Default: ${DEFAULT-VALUE}.")
  Duration writeLinger;

  @Option(
      names = "--processing-timeout",
      description =
          "Longest one attempt may run; past it the attempt fails, its worker is interrupted (or"
              + " replaced) and the message retried. Default: ${DEFAULT-VALUE}.")
  Duration processingTimeout;

  @Option(
      names = "--admin-port",
      description =
          "Port of the loopback-only admin endpoint (GET /admin/status, PUT /admin/concurrency);"
              + " 0 picks one, -1 turns it off. Default: ${DEFAULT-VALUE}.",
      defaultValue = "-1")
  int adminPort;

  @Option(
      names = "--port-file",
      paramLabel = "FILE",
      description =
          "Once the endpoints listen, write {\"pid\":P,\"metricsPort\":M,\"adminPort\":A} here"
              + " (atomically; a key is left out when its endpoint is off).")
  java.nio.file.Path portFile;

  @Option(
      names = "--final-metrics",
      paramLabel = "FILE",
      description =
          "After the drain, just before exiting, write the final /metrics page here (Prometheus"
              + " text, atomically), so a parent process sees the counts of the last moments.")
  java.nio.file.Path finalMetrics;

  @Option(
      names = "--metrics-host",
      description = "Address the endpoints listen on. Default: ${DEFAULT-VALUE}.",
      defaultValue = "0.0.0.0")
  String metricsHost;

  /** The command these flags are mixed into, to tell a flag given from one defaulted. */
  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  /** Whether {@code flag} was on the command line, not just defaulted. */
  private boolean given(String flag) {
    ParseResult parsed = command == null ? null : command.commandLine().getParseResult();
    return parsed != null && parsed.hasMatchedOption(flag);
  }

  /** The processors of this build and of {@code --plugins}. */
  Processors processors() {
    return processors(plugins);
  }

  static Processors processors(String plugins) {
    return new Processors(plugins == null || plugins.isBlank() ? null : Path.of(plugins));
  }

  ConsumerOptions options(boolean untilEmpty) {
    ConsumerOptions.Builder builder = ConsumerOptions.builder();
    // only what was given: the builder keeps a prefetch given without a ceiling as it is, and
    // its defaults are the flags' defaults
    if (given("--prefetch")) {
      builder.prefetch(prefetch);
    }
    if (given("--max-prefetch")) {
      builder.maxPrefetch(maxPrefetch);
    }
    return builder
        .concurrency(concurrency)
        .visibility(visibility)
        .maxDequeue(maxDequeue)
        .retry(retryDelay, maxRetryDelay)
        .drainTimeout(drainTimeout)
        .maxIdlePoll(maxIdlePoll)
        .writeBatch(writeBatch)
        .writeLinger(writeLinger)
        .untilEmpty(untilEmpty)
        .maxMessages(maxMessages)
        .processingTimeout(processingTimeout)
        .build();
  }
}
