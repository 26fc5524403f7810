package dev.edw.scaling.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A recorded metric: JSON lines {@code {"t": SECONDS, "metric": NUMBER}} (other fields are ignored,
 * so an {@code edw up --timeline} or {@code edw simulate --timeline} file is a trace too). The
 * metric at second t is the last value at or before t; before the first point it is 0. Lines need
 * not be sorted; of two lines with the same t the later one wins. Blank lines are skipped. Optional
 * {@code running} and {@code pending} give a ScaledJob's jobs.
 */
public final class MetricTrace {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** One point. */
  public record Point(double t, double metric, int running, int pending) {}

  private final List<Point> points;

  public MetricTrace(List<Point> points) {
    List<Point> sorted = new ArrayList<>(points);
    sorted.sort(Comparator.comparingDouble(Point::t)); // stable: same-t order kept
    this.points = List.copyOf(sorted);
  }

  /**
   * Parses the lines.
   *
   * @throws IllegalArgumentException naming the first bad line
   */
  public static MetricTrace parse(List<String> lines) {
    List<Point> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      if (line.isEmpty()) {
        continue;
      }
      JsonNode n;
      try {
        n = JSON.readTree(line);
      } catch (Exception e) {
        throw new IllegalArgumentException("trace line " + (i + 1) + " is not JSON: " + line);
      }
      if (n == null || !n.path("t").isNumber() || !n.path("metric").isNumber()) {
        throw new IllegalArgumentException(
            "trace line " + (i + 1) + " needs numbers \"t\" and \"metric\": " + line);
      }
      double t = n.path("t").asDouble();
      if (t < 0) {
        throw new IllegalArgumentException("trace line " + (i + 1) + ": t must be >= 0");
      }
      out.add(
          new Point(
              t,
              n.path("metric").asDouble(),
              n.path("running").asInt(0),
              n.path("pending").asInt(0)));
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("the trace has no points");
    }
    return new MetricTrace(out);
  }

  public List<Point> points() {
    return points;
  }

  /** The last point at or before {@code t}, or a zero point before the first. */
  public Point at(double t) {
    Point found = new Point(0, 0, 0, 0);
    for (Point p : points) {
      if (p.t() > t) {
        break;
      }
      found = p;
    }
    return found;
  }

  /** The last point's t, in whole seconds (rounded up). */
  public long lengthSeconds() {
    return (long) Math.ceil(points.get(points.size() - 1).t());
  }
}
