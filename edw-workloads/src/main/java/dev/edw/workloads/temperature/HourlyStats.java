package dev.edw.workloads.temperature;

/**
 * Running statistics of one hour's readings, by Welford's online algorithm: numerically stable, one
 * pass, constant memory. Not thread-safe; one aggregation owns it.
 */
final class HourlyStats {
  private long count;
  private double mean;
  private double sumOfSquares;
  private double max = Double.NEGATIVE_INFINITY;
  private double min = Double.POSITIVE_INFINITY;
  private String maxText;
  private String minText;

  /** Adds one reading; {@code text} is how it was written, kept for the max and min columns. */
  void add(double value, String text) {
    count++;
    double delta = value - mean;
    mean += delta / count;
    sumOfSquares += delta * (value - mean);
    if (value > max) {
      max = value;
      maxText = text;
    }
    if (value < min) {
      min = value;
      minText = text;
    }
  }

  long count() {
    return count;
  }

  double mean() {
    return mean;
  }

  /** The sample standard deviation (n - 1); NaN for fewer than two readings. */
  double sampleStd() {
    return count < 2 ? Double.NaN : Math.sqrt(sumOfSquares / (count - 1));
  }

  String maxText() {
    return maxText;
  }

  String minText() {
    return minText;
  }
}
