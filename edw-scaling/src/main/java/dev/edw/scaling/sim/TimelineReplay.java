package dev.edw.scaling.sim;

import dev.edw.scaling.engine.Evaluation;
import dev.edw.scaling.spec.KedaObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Replays a recorded timeline ({@code edw up --timeline} or {@code edw simulate --timeline}): its
 * lines are the metric trace, and the simulator's decisions are compared with the recorded ones on
 * {@code t}, {@code source}, {@code current} and {@code desired}. Exact for one trigger whose
 * replicas follow each decision at once; with several triggers a line holds only the deciding
 * metric.
 */
public final class TimelineReplay {
  private TimelineReplay() {}

  /** One difference between the recorded and the simulated decisions. */
  public record Mismatch(int index, Evaluation recorded, Evaluation simulated) {}

  /** The simulated timeline for the recorded one, over the same seconds. */
  public static List<Evaluation> simulate(KedaObject spec, List<String> recordedLines) {
    List<Evaluation> recorded = parse(recordedLines);
    long end = recorded.isEmpty() ? 0 : recorded.get(recorded.size() - 1).t();
    return TraceSimulator.run(spec, MetricTrace.parse(recordedLines), end);
  }

  /** The differences; empty when the simulator takes the same decisions. */
  public static List<Mismatch> compare(KedaObject spec, List<String> recordedLines) {
    List<Evaluation> recorded = parse(recordedLines);
    List<Evaluation> simulated = simulate(spec, recordedLines);
    List<Mismatch> out = new ArrayList<>();
    for (int i = 0; i < Math.max(recorded.size(), simulated.size()); i++) {
      Evaluation r = i < recorded.size() ? recorded.get(i) : null;
      Evaluation s = i < simulated.size() ? simulated.get(i) : null;
      if (r == null
          || s == null
          || r.t() != s.t()
          || !r.source().equals(s.source())
          || r.current() != s.current()
          || r.desired() != s.desired()) {
        out.add(new Mismatch(i, r, s));
      }
    }
    return out;
  }

  private static List<Evaluation> parse(List<String> lines) {
    return lines.stream().filter(l -> !l.isBlank()).map(Evaluation::fromJson).toList();
  }
}
