package dev.edw.cli;

import dev.edw.api.processor.Processor;
import dev.edw.api.processor.ProcessorContext;
import dev.edw.core.processor.RecordProcessor;
import dev.edw.processors.exec.ExecProcessorFactory;
import dev.edw.processors.http.HttpProcessorFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The processors {@code edw bench --variants} runs end to end, each writing the seed's row (or, for
 * {@code per-message}, one row) per message:
 *
 * <ul>
 *   <li>{@code record}: the built-in record processor;
 *   <li>{@code exec}: {@code exec} persistent, with the Python example worker;
 *   <li>{@code http}: {@code http}, POSTing to {@link BenchApp} on the loopback;
 *   <li>{@code per-message}: {@code exec mode=per-message}, one {@code /bin/sh} per message that
 *       prints one row (a {@code /bin/true}-like command).
 * </ul>
 */
final class BenchVariants implements AutoCloseable {
  static final List<String> ALL = List.of("record", "exec", "http", "per-message");

  /** The per-message command: starts, prints a row, exits. */
  static final List<String> PER_MESSAGE_COMMAND =
      List.of(
          "/bin/sh",
          "-c",
          "printf '{\"PartitionKey\":\"%s\",\"RowKey\":\"r\"}\\n' \"$EDW_MESSAGE_ID\"");

  private final Clock clock;
  private final int concurrency;
  private final Path pythonWorker;
  private BenchApp app;

  BenchVariants(Clock clock, int concurrency, Path pythonWorker) {
    this.clock = clock;
    this.concurrency = concurrency;
    this.pythonWorker = pythonWorker;
  }

  /** The names in {@code list}, checked. */
  static List<String> parse(String list) {
    List<String> out = new ArrayList<>();
    for (String name : list.split(",")) {
      String n = name.trim();
      if (!ALL.contains(n)) {
        throw new IllegalArgumentException(
            "--variants: unknown variant '" + n + "'; known: " + String.join(", ", ALL));
      }
      if (!out.contains(n)) {
        out.add(n);
      }
    }
    if (!out.contains("record")) {
      out.add(0, "record");
    }
    return out;
  }

  /** A fresh processor of {@code variant}; the caller closes it after the run. */
  Processor create(String variant) throws IOException {
    return switch (variant) {
      case "record" -> new RecordProcessor(clock);
      case "exec" -> exec(Map.of(), List.of("python3", python().toString()));
      case "per-message" -> exec(Map.of("mode", "per-message"), PER_MESSAGE_COMMAND);
      case "http" -> {
        if (app == null) {
          app = new BenchApp(clock);
        }
        yield new HttpProcessorFactory()
            .create(
                new ProcessorContext(
                    clock, null, Map.of("url", app.url()), List.of(), concurrency));
      }
      default -> throw new IllegalArgumentException("unknown variant " + variant);
    };
  }

  private Processor exec(Map<String, String> options, List<String> command) {
    return new ExecProcessorFactory()
        .create(new ProcessorContext(clock, null, options, command, concurrency));
  }

  private Path python() {
    if (!Files.isRegularFile(pythonWorker)) {
      throw new IllegalArgumentException(
          "the Python example worker "
              + pythonWorker
              + " is missing: run from the repository's root or give --python-worker PATH");
    }
    return pythonWorker;
  }

  @Override
  public void close() {
    if (app != null) {
      app.close();
    }
  }
}
