package dev.edw.up.cluster;

import java.time.Instant;

/** One node of the model; owned and changed by {@link Cluster} only (not thread-safe). */
final class Node {
  final String name;
  final Instant readyAt;
  int pods;
  Instant emptySince;

  Node(String name, Instant readyAt) {
    this.name = name;
    this.readyAt = readyAt;
  }

  boolean ready(Instant now) {
    return !now.isBefore(readyAt);
  }
}
