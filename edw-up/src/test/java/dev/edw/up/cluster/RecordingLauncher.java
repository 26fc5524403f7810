package dev.edw.up.cluster;

import dev.edw.up.replica.LatencyHistogram;
import dev.edw.up.replica.Replica;
import dev.edw.up.replica.ReplicaLauncher;
import dev.edw.up.replica.ReplicaStats;
import java.util.ArrayList;
import java.util.List;

/**
 * Launches stand-in replicas that only record what the cluster asks of them; the test decides when
 * one becomes ready, completes messages or exits.
 */
public final class RecordingLauncher implements ReplicaLauncher {
  public final List<FakeReplica> launched = new ArrayList<>();

  @Override
  public Replica launch(String name, boolean job) {
    FakeReplica r = new FakeReplica(name, job);
    launched.add(r);
    return r;
  }

  public FakeReplica get(String name) {
    return launched.stream().filter(r -> r.name.equals(name)).findFirst().orElseThrow();
  }

  public List<String> names() {
    return launched.stream().map(r -> r.name).toList();
  }

  /** A replica that is ready at once and exits when the test says so. */
  public static final class FakeReplica implements Replica {
    public final String name;
    public final boolean job;
    public boolean alive = true;
    public boolean terminated;
    public boolean killed;
    public long completed;
    public LatencyHistogram latency = LatencyHistogram.EMPTY;

    FakeReplica(String name, boolean job) {
      this.name = name;
      this.job = job;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public boolean alive() {
      return alive;
    }

    @Override
    public boolean ready() {
      return !terminated;
    }

    @Override
    public void terminate() {
      terminated = true;
    }

    @Override
    public void kill() {
      killed = true;
      alive = false;
    }

    @Override
    public void refresh() {}

    @Override
    public ReplicaStats stats() {
      return new ReplicaStats(completed, latency);
    }
  }
}
