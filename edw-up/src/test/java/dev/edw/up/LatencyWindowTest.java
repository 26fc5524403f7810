package dev.edw.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.edw.up.replica.LatencyHistogram;
import dev.edw.up.replica.ReplicaStats;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Quantiles over all messages of all replicas in the window, from the sum of each replica's bucket
 * increases, with replicas that start, restart and exit; every figure computed by hand.
 */
class LatencyWindowTest {
  private static final double INF = Double.POSITIVE_INFINITY;

  private static ReplicaStats s(double le01, double le1, double inf) {
    return new ReplicaStats(
        (long) inf,
        new LatencyHistogram(new double[] {0.1, 1, INF}, new double[] {le01, le1, inf}));
  }

  private static Instant at(double seconds) {
    return Instant.EPOCH.plusMillis((long) (seconds * 1000));
  }

  @Test
  void quantiles_come_from_the_summed_increases_of_replicas_that_come_and_go() {
    LatencyWindow w = new LatencyWindow(Duration.ofSeconds(10));

    assertThat(w.add(at(0), Map.of("a", s(0, 0, 0))).p50()).isNaN();

    // a: 8 fast and 2 in (0.1, 1]; b is new: its 10 in (0.1, 1] count from zero. Sum 8, 20, 20.
    // p50: rank 10 in (0.1, 1], which holds 12: 0.1 + 0.9 x 2 / 12; p99: 0.1 + 0.9 x 11.8 / 12.
    // (The old way, the mean of the medians, said 0.5 x (0.0625 + 0.55) = 0.306.)
    Latency t1 = w.add(at(1), Map.of("a", s(8, 10, 10), "b", s(0, 10, 10)));
    assertThat(t1.p50()).isCloseTo(0.25, within(1e-12));
    assertThat(t1.p99()).isCloseTo(0.985, within(1e-12));

    // a restarted: every bucket lower than before, so all of 1, 1, 1 is new.
    w.add(at(2), Map.of("a", s(1, 1, 1), "b", s(0, 10, 10)));
    // b exited and is given once more with its final counts: 2 more above 1 s. Sum 9, 21, 23.
    // p50: rank 11.5 in (0.1, 1]: 0.1 + 0.9 x 2.5 / 12; p99: rank 22.77 only in +Inf: 1.
    Latency t3 = w.add(at(3), Map.of("a", s(1, 1, 1), "b", s(0, 10, 12)));
    assertThat(t3.p50()).isCloseTo(0.2875, within(1e-12));
    assertThat(t3.p99()).isEqualTo(1.0);

    // b is forgotten; the window (2.5, 12.5] keeps only t=3's increase 0, 0, 2.
    Latency t12 = w.add(at(12.5), Map.of("a", s(1, 1, 1)));
    assertThat(t12.p50()).isEqualTo(1.0);
    // nothing completed in (4, 14]
    assertThat(w.add(at(14), Map.of("a", s(1, 1, 1))).p99()).isNaN();
    // a new replica under b's name counts from zero again
    assertThat(w.add(at(15), Map.of("b", s(1, 1, 1))).p50()).isCloseTo(0.05, within(1e-12));
  }
}
