package dev.edw.up.cluster;

import java.time.Duration;
import java.util.Objects;

/**
 * The pod and node model of {@code edw up}.
 *
 * @param podStartup how long a scheduled pod takes before its replica starts (image pull, container
 *     start); zero starts it at once
 * @param podsPerNode pods one node holds; 0 turns the node model off (pods never wait for a node)
 * @param nodeStartup how long a new node takes to become ready, as with Karpenter or AKS node
 *     autoprovisioning
 * @param nodeIdle how long a node stays empty before it is removed (Karpenter's consolidateAfter)
 */
public record ClusterOptions(
    Duration podStartup, int podsPerNode, Duration nodeStartup, Duration nodeIdle) {
  public static final Duration DEFAULT_POD_STARTUP = Duration.ZERO;
  public static final int DEFAULT_PODS_PER_NODE = 0;
  public static final Duration DEFAULT_NODE_STARTUP = Duration.ofSeconds(30);
  public static final Duration DEFAULT_NODE_IDLE = Duration.ofSeconds(30);

  public static final ClusterOptions DEFAULTS =
      new ClusterOptions(
          DEFAULT_POD_STARTUP, DEFAULT_PODS_PER_NODE, DEFAULT_NODE_STARTUP, DEFAULT_NODE_IDLE);

  public ClusterOptions {
    Objects.requireNonNull(podStartup, "'podStartup' cannot be null.");
    Objects.requireNonNull(nodeStartup, "'nodeStartup' cannot be null.");
    Objects.requireNonNull(nodeIdle, "'nodeIdle' cannot be null.");
    if (podStartup.isNegative() || nodeStartup.isNegative() || nodeIdle.isNegative()) {
      throw new IllegalArgumentException("pod and node start-up times cannot be negative");
    }
    if (podsPerNode < 0) {
      throw new IllegalArgumentException(
          "--pods-per-node must be 0 (no node model) or more, not " + podsPerNode);
    }
  }

  public boolean nodeModel() {
    return podsPerNode > 0;
  }
}
