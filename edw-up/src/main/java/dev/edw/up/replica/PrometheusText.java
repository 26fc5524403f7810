package dev.edw.up.replica;

/**
 * Reads the few samples {@code edw up} needs from a replica's {@code /metrics} page (Prometheus
 * text format): the processed counter and the end-to-end latency quantiles.
 */
final class PrometheusText {
  static final String PROCESSED = "edw_messages_processed_total";
  static final String END_TO_END = "edw_end_to_end_seconds";

  private PrometheusText() {}

  static ReplicaStats parse(String text) {
    double completed = 0;
    double p50 = Double.NaN;
    double p99 = Double.NaN;
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
      } else if (name.equals(END_TO_END)) {
        if (key.contains("quantile=\"0.5\"")) {
          p50 = value;
        } else if (key.contains("quantile=\"0.99\"")) {
          p99 = value;
        }
      }
    }
    return new ReplicaStats((long) completed, p50, p99);
  }
}
