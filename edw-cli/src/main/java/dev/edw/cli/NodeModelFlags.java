package dev.edw.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The pod and node model flags that {@code edw up} and {@code edw simulate} share: {@code
 * --pods-per-node}, {@code --pod-startup} and {@code --node-startup}.
 */
final class NodeModelFlags {
  @Option(
      names = "--pods-per-node",
      defaultValue = "0",
      description = "Pods a node holds; 0 (default) models no nodes.")
  int podsPerNode;

  @Option(
      names = "--pod-startup",
      defaultValue = "0s",
      description = "Delay from a pod's scheduling on a ready node to its start. Default: 0s.")
  Duration podStartup;

  @Option(
      names = "--node-startup",
      description = "How long a new node takes to be ready. Default: 30s (edw up), 60s (simulate).")
  Duration nodeStartup;

  /** {@code --node-startup}, or this command's default. */
  Duration nodeStartup(Duration defaultStartup) {
    return nodeStartup != null ? nodeStartup : defaultStartup;
  }
}
