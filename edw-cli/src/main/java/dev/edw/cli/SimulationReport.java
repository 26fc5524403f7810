package dev.edw.cli;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edw.scaling.check.Finding;
import dev.edw.scaling.check.ScalingChecks;
import dev.edw.scaling.engine.Evaluation;
import dev.edw.scaling.sim.LoadResult;
import dev.edw.scaling.spec.KedaObject;
import dev.edw.scaling.spec.ScaledJobSpec;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Prints an {@code edw simulate} result for people or, with {@code --json}, for machines. */
final class SimulationReport {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Rows of the load table, one every this many seconds. */
  static final int TABLE_EVERY_SECONDS = 30;

  private final KedaObject spec;
  private final PrintWriter out;
  private final boolean json;

  SimulationReport(KedaObject spec, PrintWriter out, boolean json) {
    this.spec = spec;
    this.out = out;
    this.json = json;
  }

  private String kind() {
    return spec instanceof ScaledJobSpec ? "ScaledJob" : "ScaledObject";
  }

  void trace(List<Evaluation> es, long duration, List<Finding> findings) {
    List<Finding> all = new ArrayList<>(findings);
    ScalingChecks.flapping(es)
        .filter(f -> all.stream().noneMatch(x -> x.code().equals(Finding.FLAPS)))
        .ifPresent(all::add);
    List<Evaluation> scaled = es.stream().filter(Evaluation::scaled).toList();
    int max = 0;
    double replicaSeconds = 0;
    long lastT = 0;
    int replicas = 0;
    for (Evaluation e : es) {
      replicaSeconds += (double) replicas * (e.t() - lastT);
      lastT = e.t();
      if (!(spec instanceof ScaledJobSpec)) {
        replicas = e.desired();
      }
      max = Math.max(max, e.desired());
    }
    replicaSeconds += (double) replicas * (duration - lastT);
    if (json) {
      ObjectNode root = header("trace", duration);
      root.put("evaluations", es.size());
      root.put("maxReplicas", max);
      root.put("finalReplicas", replicas);
      if (!(spec instanceof ScaledJobSpec)) {
        root.put("replicaSeconds", replicaSeconds);
      }
      ArrayNode s = root.putArray("scaleEvents");
      scaled.forEach(e -> s.add(JSON.valueToTree(e)));
      findings(root, all);
      out.println(root);
      return;
    }
    out.printf(
        Locale.ROOT,
        "%s %s: %d evaluations over %d s, %d scale events%n",
        kind(),
        spec.name(),
        es.size(),
        duration,
        scaled.size());
    for (Evaluation e : scaled) {
      out.printf(
          Locale.ROOT,
          "  t=%-6d %-4s %3d -> %-3d %s%n",
          e.t(),
          e.source(),
          e.current(),
          e.desired(),
          e.reason());
    }
    if (spec instanceof ScaledJobSpec) {
      out.printf(Locale.ROOT, "most jobs created at one poll: %d%n", max);
    } else {
      out.printf(
          Locale.ROOT,
          "max replicas %d, final %d, replica-seconds %.0f%n",
          max,
          replicas,
          replicaSeconds);
    }
    printFindings(all);
  }

  void load(LoadResult r) {
    LoadResult.Summary s = r.summary();
    long duration = r.series().isEmpty() ? 0 : r.series().get(r.series().size() - 1).t();
    if (json) {
      ObjectNode root = header("load", duration);
      root.set("summary", JSON.valueToTree(s));
      ArrayNode scaled = root.putArray("scaleEvents");
      r.evaluations().stream()
          .filter(Evaluation::scaled)
          .forEach(e -> scaled.add(JSON.valueToTree(e)));
      root.set("series", JSON.valueToTree(r.series()));
      findings(root, r.findings());
      out.println(root);
      return;
    }
    out.printf(Locale.ROOT, "%s %s under load for %d s%n", kind(), spec.name(), duration);
    out.printf(
        Locale.ROOT,
        "  %6s %8s %9s %8s %6s %6s %8s%n",
        "t",
        "msg/s",
        "backlog",
        "replicas",
        "ready",
        "nodes",
        "done/s");
    for (LoadResult.Sample p : r.series()) {
      if (p.t() % TABLE_EVERY_SECONDS == 0) {
        out.printf(
            Locale.ROOT,
            "  %6d %8.1f %9.0f %8d %6d %6d %8.1f%n",
            p.t(),
            p.arrivalRate(),
            p.backlog(),
            p.desired(),
            p.ready(),
            p.nodes(),
            p.throughput());
      }
    }
    out.printf(
        Locale.ROOT,
        "max replicas %d, max nodes %d, max backlog %.0f at t=%d, drain %s%n",
        s.maxReplicas(),
        s.maxNodes(),
        s.maxBacklog(),
        s.maxBacklogAt(),
        s.drainSeconds() < 0 ? "never (within the run)" : s.drainSeconds() + " s");
    out.printf(
        Locale.ROOT,
        "worst end-to-end latency %.1f s; replica-seconds %.0f, node-seconds %.0f%n",
        s.worstLatencySeconds(),
        s.replicaSeconds(),
        s.nodeSeconds());
    out.printf(
        Locale.ROOT,
        "arrived %.0f, processed %.0f, left on the queue %.0f%n",
        s.arrived(),
        s.processed(),
        s.leftOnQueue());
    printFindings(r.findings());
  }

  private ObjectNode header(String mode, long duration) {
    ObjectNode root = JSON.createObjectNode();
    root.put("kind", kind());
    root.put("name", spec.name());
    root.put("mode", mode);
    root.put("durationSeconds", duration);
    return root;
  }

  private static void findings(ObjectNode root, List<Finding> findings) {
    ArrayNode f = root.putArray("findings");
    findings.forEach(x -> f.add(JSON.valueToTree(x)));
  }

  private void printFindings(List<Finding> findings) {
    if (findings.isEmpty()) {
      out.println("findings: none");
      return;
    }
    out.println("findings:");
    for (Finding f : findings) {
      out.printf(Locale.ROOT, "  %s: %s%n", f.code(), f.message());
    }
  }
}
