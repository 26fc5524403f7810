package dev.edw.cli;

import dev.edw.api.blob.BlobStore;
import dev.edw.api.queue.OutgoingMessage;
import dev.edw.api.queue.WorkQueue;
import dev.edw.core.backend.Backends;
import dev.edw.workloads.temperature.TemperatureDemoData;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code edw demo-data ...}: input for the ready-made workloads. */
@Command(
    name = "demo-data",
    mixinStandardHelpOptions = true,
    description = "Write demo input for a workload into a blob store, and optionally enqueue it.",
    subcommands = {DemoDataCommand.Temperature.class})
final class DemoDataCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    return Main.missingSubcommand(spec);
  }

  @Command(
      name = "temperature",
      mixinStandardHelpOptions = true,
      description = {
        "Write temperature1.csv, temperature2.csv, ... (1-minute Datetime,Temperature readings,"
            + " with a few gaps and bad rows) for --processor aggregate-temperature.",
        "With --queue, enqueue each file's name as a plain message body, as the seed's"
            + " 'redis-cli RPUSH temperature_job temperature1.csv' does."
      })
  static final class Temperature implements Callable<Integer> {
    @Option(
        names = "--files",
        description = "How many files. Default: ${DEFAULT-VALUE}.",
        defaultValue = "" + TemperatureDemoData.Options.DEFAULT_FILES)
    int files;

    @Option(
        names = "--days",
        description = "Days of readings per file. Default: ${DEFAULT-VALUE}.",
        defaultValue = "" + TemperatureDemoData.Options.DEFAULT_DAYS)
    int days;

    @Option(
        names = "--seed",
        description = "Random seed; the same seed gives the same files. Default: ${DEFAULT-VALUE}.",
        defaultValue = "" + TemperatureDemoData.Options.DEFAULT_SEED)
    long seed;

    @Option(
        names = "--start",
        description = "First day of readings. Default: ${DEFAULT-VALUE}.",
        defaultValue = "2026-01-01")
    LocalDate start;

    @Option(
        names = "--blobs",
        required = true,
        paramLabel = "URI",
        description = "Blob store to write the files to, e.g. file:edw-data/temperature.")
    String blobs;

    @Option(
        names = "--queue",
        paramLabel = "URI",
        description = "Queue to send each file's name to (created if missing).")
    String queue;

    @Override
    public Integer call() {
      TemperatureDemoData data =
          new TemperatureDemoData(new TemperatureDemoData.Options(files, days, seed, start));
      Backends backends = Backends.system();
      List<String> names;
      try (BlobStore store = backends.blobStore(blobs)) {
        store.createIfMissing();
        names = data.write(store);
      }
      System.out.printf(
          "wrote %d file(s) of %d day(s) to %s: %s%n",
          names.size(), days, backends.parse(blobs), String.join(" ", names));
      if (queue != null) {
        try (WorkQueue q = backends.queue(queue)) {
          q.createIfMissing();
          q.send(names.stream().map(OutgoingMessage::of).toList());
          System.out.printf("enqueued %d name(s) on %s%n", names.size(), q.uri());
        }
      }
      return Main.EXIT_OK;
    }
  }
}
