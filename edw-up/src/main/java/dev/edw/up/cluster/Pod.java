package dev.edw.up.cluster;

import dev.edw.up.replica.Replica;
import java.time.Instant;

/** One pod of the model; owned and changed by {@link Cluster} only (not thread-safe). */
final class Pod {
  final String name;
  final boolean job;
  final Instant created;
  PodPhase phase = PodPhase.PENDING;
  Node node;
  Instant startAt;
  Replica replica;

  Pod(String name, boolean job, Instant created) {
    this.name = name;
    this.job = job;
    this.created = created;
  }

  boolean ready() {
    return phase == PodPhase.RUNNING && replica != null && replica.alive() && replica.ready();
  }

  PodView view() {
    return new PodView(name, phase, node == null ? null : node.name, ready(), job);
  }
}
