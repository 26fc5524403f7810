package dev.edw.cli;

import dev.edw.api.InvalidInputException;
import dev.edw.api.ResourceNotFoundException;
import dev.edw.scaling.check.ScalingChecks;
import dev.edw.scaling.engine.Evaluation;
import dev.edw.scaling.load.LoadProfile;
import dev.edw.scaling.sim.LoadOptions;
import dev.edw.scaling.sim.LoadResult;
import dev.edw.scaling.sim.LoadSimulator;
import dev.edw.scaling.sim.MetricTrace;
import dev.edw.scaling.sim.TraceSimulator;
import dev.edw.scaling.spec.KedaObject;
import dev.edw.scaling.spec.KedaYaml;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code edw simulate}: KEDA's and the HPA's decisions for a ScaledObject/ScaledJob, without
 * running anything, from a recorded metric trace or a load profile.
 */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = {
      "Predict KEDA's and the HPA's scaling decisions for a ScaledObject or ScaledJob, from a"
          + " metric trace (--metric-trace) or a load profile (--profile/--rate with"
          + " --service-rate).",
      "TRACE: JSON lines {\"t\": SECONDS, \"metric\": NUMBER}; the metric at t is the last value at"
          + " or before t. Replicas start at 0; the object is created at t=0.",
      "--timeline writes one JSON line per evaluation: t, source (keda|hpa), metric, active,"
          + " current, desired, reason."
    })
final class SimulateCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--scaled-object",
      required = true,
      description = "KEDA ScaledObject/ScaledJob YAML.")
  Path scaledObject;

  @Option(names = "--metric-trace", description = "JSON lines {\"t\": s, \"metric\": n}.")
  Path metricTrace;

  @Option(names = "--timeline", description = "Write every evaluation here as JSON lines.")
  Path timeline;

  @Option(
      names = "--duration",
      description = "Simulated time. Default: the trace's length; 600s for a load profile.")
  Duration duration;

  @Mixin LoadProfileFlags load;
  @Mixin NodeModelFlags nodes;

  @Option(names = "--service-rate", description = "Load: messages/s one replica finishes.")
  Double serviceRate;

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    KedaObject so = KedaYaml.parse(read(scaledObject));
    boolean fromLoad = load.given();
    if (fromLoad == (metricTrace != null)) {
      throw new InvalidInputException(
          "give either --metric-trace TRACE or a load profile (--profile KIND --rate N"
              + " --service-rate N)");
    }
    PrintWriter out = spec.commandLine().getOut();
    SimulationReport report = new SimulationReport(so, out, json);
    if (fromLoad) {
      LoadResult r = new LoadSimulator(so, loadOptions()).run();
      writeTimeline(r.evaluations());
      report.load(r);
    } else {
      MetricTrace trace;
      try {
        trace = MetricTrace.parse(Files.readAllLines(metricTrace));
      } catch (NoSuchFileException e) {
        throw new ResourceNotFoundException("no such trace file: " + metricTrace);
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException(metricTrace + ": " + e.getMessage(), e);
      }
      long d = duration == null ? trace.lengthSeconds() : duration.toSeconds();
      List<Evaluation> es = TraceSimulator.run(so, trace, d);
      writeTimeline(es);
      report.trace(es, d, ScalingChecks.check(so));
    }
    out.flush();
    return Main.EXIT_OK;
  }

  private LoadOptions loadOptions() {
    if (serviceRate == null) {
      throw new InvalidInputException(
          "a load profile needs --service-rate (messages/s per replica)");
    }
    LoadProfile p = load.profile(null);
    long d = duration == null ? LoadOptions.DEFAULT_DURATION_SECONDS : duration.toSeconds();
    double nodeStartup =
        nodes.nodeStartup == null
            ? LoadOptions.DEFAULT_NODE_STARTUP_SECONDS
            : nodes.nodeStartup.toMillis() / 1000.0;
    return new LoadOptions(
        p, serviceRate, nodes.podsPerNode, nodeStartup, nodes.podStartup.toMillis() / 1000.0, d);
  }

  private void writeTimeline(List<Evaluation> es) throws IOException {
    if (timeline == null) {
      return;
    }
    StringBuilder b = new StringBuilder();
    for (Evaluation e : es) {
      b.append(e.toJson()).append('\n');
    }
    Files.writeString(timeline, b);
  }

  private static String read(Path file) throws IOException {
    try {
      return Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ResourceNotFoundException("no such file: " + file);
    }
  }
}
