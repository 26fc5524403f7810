package dev.edw.up;

import dev.edw.scaling.load.LoadProfile;
import dev.edw.scaling.spec.KedaObject;
import dev.edw.up.cluster.ClusterOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything {@code edw up} runs with; every default is here.
 *
 * @param queue the work queue URI
 * @param table the result table URI
 * @param spec the ScaledObject or ScaledJob
 * @param profile the producer's arrival rate over time
 * @param duration how long the producer sends
 * @param workTime time each message takes in a replica
 * @param processor the processor that runs after the work time
 * @param concurrency messages one replica works on at once
 * @param prefetch messages one replica leases ahead
 * @param replicas processes (pods) or threads
 * @param cluster the pod and node model
 * @param timeline where to write the evaluations, or null
 * @param dashboardPort the dashboard's port; 0 picks one, -1 turns it off
 * @param untilIdle exit once the producer is done, the queue empty and no pod left
 * @param tick how often the loop observes and decides
 * @param logs directory of the replica processes' output
 * @param drainTimeout how long a terminated replica may finish its running messages
 * @param replicaArgs extra arguments for each {@code edw consume} / {@code edw job}
 */
public record UpOptions(
    String queue,
    String table,
    KedaObject spec,
    LoadProfile profile,
    Duration duration,
    Duration workTime,
    String processor,
    int concurrency,
    int prefetch,
    ReplicaMode replicas,
    ClusterOptions cluster,
    Path timeline,
    int dashboardPort,
    boolean untilIdle,
    Duration tick,
    Path logs,
    Duration drainTimeout,
    List<String> replicaArgs) {
  public static final double DEFAULT_RATE = 20;
  public static final Duration DEFAULT_DURATION = Duration.ofMinutes(5);
  public static final Duration DEFAULT_WORK_TIME = Duration.ofMillis(100);
  public static final String DEFAULT_PROCESSOR = "record";
  public static final int DEFAULT_CONCURRENCY = 1;
  public static final int DEFAULT_PREFETCH = 0;
  public static final int DEFAULT_DASHBOARD_PORT = 8080;
  public static final Duration DEFAULT_TICK = Duration.ofMillis(500);
  public static final Path DEFAULT_LOGS = Path.of("edw-data", "up-logs");
  public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(25);
  public static final String DEFAULT_SCALED_OBJECT = "dev/edw/up/default-scaledobject.yaml";

  /** How replicas run. */
  public enum ReplicaMode {
    /** Each replica an {@code edw consume} / {@code edw job} process: killable like a pod. */
    PROCESSES,
    /** Each replica a worker in this JVM. */
    THREADS
  }

  public UpOptions {
    Objects.requireNonNull(queue, "'queue' cannot be null.");
    Objects.requireNonNull(table, "'table' cannot be null.");
    Objects.requireNonNull(spec, "'spec' cannot be null.");
    Objects.requireNonNull(profile, "'profile' cannot be null.");
    Objects.requireNonNull(replicas, "'replicas' cannot be null.");
    Objects.requireNonNull(cluster, "'cluster' cannot be null.");
    replicaArgs = List.copyOf(replicaArgs);
    if (duration.isNegative()) {
      throw new IllegalArgumentException("--duration cannot be negative");
    }
    if (workTime.isNegative()) {
      throw new IllegalArgumentException("--work-time cannot be negative");
    }
    if (concurrency < 1) {
      throw new IllegalArgumentException("--concurrency must be at least 1, not " + concurrency);
    }
    if (prefetch < 0) {
      throw new IllegalArgumentException("--prefetch cannot be negative");
    }
    if (dashboardPort < -1 || dashboardPort > 65535) {
      throw new IllegalArgumentException(
          "--dashboard-port must be a port, 0 (any free one) or -1 (none), not " + dashboardPort);
    }
    if (tick.isNegative() || tick.isZero()) {
      throw new IllegalArgumentException("--tick must be positive");
    }
  }
}
