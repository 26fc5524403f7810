package dev.edw.up.replica;

import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the few samples {@code edw up} needs from a replica's {@code /metrics} page (Prometheus
 * text format): the processed counter and the end-to-end latency histogram's buckets, each summed
 * over its label sets (one per queue).
 */
public final class PrometheusText {
  static final String PROCESSED = "edw_messages_processed_total";
  static final String END_TO_END_BUCKET = "edw_end_to_end_seconds_bucket";

  private PrometheusText() {}

  public static ReplicaStats parse(String text) {
    double completed = 0;
    Map<Double, Double> buckets = new TreeMap<>();
    for (String line : text.split("\n")) {
      if (line.isEmpty() || line.charAt(0) == '#') {
        continue;
      }
      int space = line.lastIndexOf(' ');
      if (space < 0) {
        continue;
      }
      String key = line.substring(0, space);
      double value;
      try {
        value = Double.parseDouble(line.substring(space + 1).trim());
      } catch (NumberFormatException e) {
        continue;
      }
      String name = key.indexOf('{') < 0 ? key : key.substring(0, key.indexOf('{'));
      if (name.equals(PROCESSED)) {
        completed += value;
      } else if (name.equals(END_TO_END_BUCKET)) {
        Double le = le(key);
        if (le != null) {
          buckets.merge(le, value, Double::sum);
        }
      }
    }
    double[] bounds = new double[buckets.size()];
    double[] counts = new double[buckets.size()];
    int i = 0;
    for (Map.Entry<Double, Double> e : buckets.entrySet()) {
      bounds[i] = e.getKey();
      counts[i++] = e.getValue();
    }
    return new ReplicaStats((long) completed, new LatencyHistogram(bounds, counts));
  }

  /** The {@code le} label's bound, {@code +Inf} included; null when absent or not a number. */
  private static Double le(String key) {
    int at = key.indexOf("le=\"");
    if (at < 0) {
      return null;
    }
    int end = key.indexOf('"', at + 4);
    String v = key.substring(at + 4, end);
    try {
      return v.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(v);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
