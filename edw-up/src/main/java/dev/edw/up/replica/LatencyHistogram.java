package dev.edw.up.replica;

import java.util.Arrays;
import java.util.TreeSet;

/**
 * A Prometheus classic histogram: cumulative counts ({@code _bucket{le=...}}) by upper bound, the
 * last bound {@code +Inf}. Immutable. Replicas expose their end-to-end latency so ({@code
 * edw_end_to_end_seconds_bucket}); {@code edw up} subtracts successive scrapes as PromQL's {@code
 * increase()} does, adds them up across replicas, and takes quantiles as {@code
 * histogram_quantile()} does.
 */
public final class LatencyHistogram {
  public static final LatencyHistogram EMPTY = new LatencyHistogram(new double[0], new double[0]);

  private final double[] bounds;
  private final double[] cumulative;

  /**
   * @param bounds upper bounds, ascending, the last {@code +Inf}
   * @param cumulative observations at or below each bound
   */
  public LatencyHistogram(double[] bounds, double[] cumulative) {
    if (bounds.length != cumulative.length) {
      throw new IllegalArgumentException("one count per bound");
    }
    for (int i = 1; i < bounds.length; i++) {
      if (!(bounds[i] > bounds[i - 1])) {
        throw new IllegalArgumentException("bounds must ascend: " + Arrays.toString(bounds));
      }
    }
    this.bounds = bounds.clone();
    this.cumulative = cumulative.clone();
  }

  /** Observations in all ({@code +Inf} bucket), 0 when there is no {@code +Inf} bucket. */
  public double count() {
    int n = bounds.length;
    return n > 0 && bounds[n - 1] == Double.POSITIVE_INFINITY ? cumulative[n - 1] : 0;
  }

  public boolean isEmpty() {
    return bounds.length == 0;
  }

  /**
   * What was observed since {@code earlier}, bucket by bucket as PromQL's {@code increase()} takes
   * a counter: the difference, or, where a bucket went down (a counter reset: the replica started
   * again), its whole count.
   */
  public LatencyHistogram since(LatencyHistogram earlier) {
    double[] out = new double[bounds.length];
    for (int i = 0; i < bounds.length; i++) {
      double before = earlier.at(bounds[i]);
      out[i] = cumulative[i] >= before ? cumulative[i] - before : cumulative[i];
    }
    return new LatencyHistogram(bounds, out);
  }

  /** Bucket-wise sum over the union of both sets of bounds. */
  public LatencyHistogram plus(LatencyHistogram other) {
    if (other.isEmpty()) {
      return this;
    }
    if (isEmpty()) {
      return other;
    }
    TreeSet<Double> union = new TreeSet<>();
    for (double b : bounds) {
      union.add(b);
    }
    for (double b : other.bounds) {
      union.add(b);
    }
    double[] b = union.stream().mapToDouble(Double::doubleValue).toArray();
    double[] c = new double[b.length];
    for (int i = 0; i < b.length; i++) {
      c[i] = at(b[i]) + other.at(b[i]);
    }
    return new LatencyHistogram(b, c);
  }

  /** The cumulative count at {@code bound}: that of the largest own bound at or below it. */
  private double at(double bound) {
    double c = 0;
    for (int i = 0; i < bounds.length && bounds[i] <= bound; i++) {
      c = cumulative[i];
    }
    return c;
  }

  /**
   * The {@code q} quantile as Prometheus' {@code histogram_quantile} computes it ({@code
   * promql/quantile.go} {@code bucketQuantile}): NaN without a {@code +Inf} bucket, with fewer than
   * two buckets or no observations; counts forced monotonic; the rank {@code q × count} falls in
   * the first bucket whose cumulative count reaches it, linearly interpolated between that bucket's
   * bounds (from 0 for the lowest bucket); in the {@code +Inf} bucket, the highest finite bound.
   */
  public double quantile(double q) {
    if (Double.isNaN(q)) {
      return Double.NaN;
    }
    if (q < 0) {
      return Double.NEGATIVE_INFINITY;
    }
    if (q > 1) {
      return Double.POSITIVE_INFINITY;
    }
    int n = bounds.length;
    if (n < 2 || bounds[n - 1] != Double.POSITIVE_INFINITY) {
      return Double.NaN;
    }
    double[] c = cumulative.clone();
    for (int i = 1; i < n; i++) {
      c[i] = Math.max(c[i], c[i - 1]);
    }
    double observations = c[n - 1];
    if (observations == 0) {
      return Double.NaN;
    }
    double rank = q * observations;
    int b = 0;
    while (b < n - 1 && c[b] < rank) {
      b++;
    }
    if (b == n - 1) {
      return bounds[n - 2];
    }
    if (b == 0 && bounds[0] <= 0) {
      return bounds[0];
    }
    double start = 0;
    double count = c[b];
    if (b > 0) {
      start = bounds[b - 1];
      count -= c[b - 1];
      rank -= c[b - 1];
    }
    return start + (bounds[b] - start) * (rank / count);
  }

  @Override
  public String toString() {
    return "LatencyHistogram" + Arrays.toString(bounds) + Arrays.toString(cumulative);
  }
}
