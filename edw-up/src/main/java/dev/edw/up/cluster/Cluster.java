package dev.edw.up.cluster;

import dev.edw.up.replica.ReplicaLauncher;
import dev.edw.up.replica.ReplicaStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pods and nodes {@code edw up} runs, as a state machine on explicit instants: a deployment
 * scaled to a replica count (a ScaledObject's target) or jobs created one by one (a ScaledJob).
 * Pods wait for a node when the node model is on, wait out the pod start-up, then run a replica;
 * scale-in terminates the pods that are not running first, then the newest; a replica that exits on
 * its own is replaced (deployment) or counted as finished (job). Not thread-safe: one loop drives
 * it.
 */
public final class Cluster {
  private final ClusterOptions options;
  private final ReplicaLauncher launcher;
  private final List<Pod> pods = new ArrayList<>();
  private final List<Node> nodes = new ArrayList<>();
  private int target;
  private int podSeq;
  private int nodeSeq;
  private long finishedJobs;
  private long retiredCompleted;
  private final Map<String, ReplicaStats> exited = new LinkedHashMap<>();

  public Cluster(ClusterOptions options, ReplicaLauncher launcher) {
    this.options = options;
    this.launcher = launcher;
  }

  /** Sets the deployment's replica count; the next {@link #tick} reconciles the pods. */
  public void scaleTo(int replicas, Instant now) {
    target = Math.max(0, replicas);
    reconcile(now);
  }

  public int target() {
    return target;
  }

  /** Creates {@code count} jobs, as KEDA's ScaledJob controller does. */
  public void createJobs(int count, Instant now) {
    for (int i = 0; i < count; i++) {
      pods.add(newPod(true, now));
    }
    tick(now);
  }

  /** Advances the model to {@code now}: reaps exited replicas, schedules, starts, removes nodes. */
  public void tick(Instant now) {
    reap();
    reconcile(now);
    provisionNodes(now);
    schedule(now);
    start(now);
    removeIdleNodes(now);
  }

  /** The messages completed by every replica so far, the exited ones included. */
  public long completed() {
    long sum = retiredCompleted;
    for (Pod p : pods) {
      if (p.replica != null) {
        sum += p.replica.stats().completed();
      }
    }
    return sum;
  }

  /**
   * The last stats of every replica that runs now and of those that exited since the last call
   * (their final counts), by pod name; each exited replica is given once.
   */
  public Map<String, ReplicaStats> takeReplicaStats() {
    Map<String, ReplicaStats> out = new LinkedHashMap<>(exited);
    exited.clear();
    for (Pod p : pods) {
      if (p.replica != null) {
        out.put(p.name, p.replica.stats());
      }
    }
    return out;
  }

  public ClusterView view(Instant now) {
    int current = 0, ready = 0, pending = 0, terminating = 0, runningJobs = 0, pendingJobs = 0;
    List<PodView> views = new ArrayList<>();
    for (Pod p : pods) {
      views.add(p.view());
      boolean notRunning = p.phase == PodPhase.PENDING || p.phase == PodPhase.STARTING;
      if (p.phase == PodPhase.TERMINATING) {
        terminating++;
      } else if (p.job) {
        runningJobs++;
        pendingJobs += notRunning ? 1 : 0;
      } else {
        current++;
      }
      ready += p.ready() ? 1 : 0;
      pending += notRunning ? 1 : 0;
    }
    int readyNodes = (int) nodes.stream().filter(n -> n.ready(now)).count();
    return new ClusterView(
        current,
        ready,
        pending,
        terminating,
        runningJobs,
        pendingJobs,
        nodes.size(),
        readyNodes,
        finishedJobs,
        views);
  }

  /** Sends SIGTERM to every replica and forgets pods that never started. */
  public void terminateAll() {
    target = 0;
    for (Pod p : List.copyOf(pods)) {
      terminate(p);
    }
  }

  /** Kills every replica that is still running (after a drain that took too long). */
  public void killAll() {
    for (Pod p : List.copyOf(pods)) {
      if (p.replica != null && p.replica.alive()) {
        p.replica.kill();
      }
    }
  }

  /** Whether no pod is left, running or not. */
  public boolean empty() {
    return pods.isEmpty();
  }

  private void reap() {
    for (Pod p : List.copyOf(pods)) {
      if (p.replica == null) {
        continue;
      }
      p.replica.refresh();
      if (!p.replica.alive()) {
        ReplicaStats last = p.replica.stats();
        retiredCompleted += last.completed();
        exited.put(p.name, last);
        if (p.job && p.phase == PodPhase.RUNNING) {
          finishedJobs++;
        }
        remove(p);
      }
    }
  }

  private void reconcile(Instant now) {
    List<Pod> live = deploymentPods();
    for (int i = live.size(); i < target; i++) {
      pods.add(newPod(false, now));
    }
    if (live.size() > target) {
      // as a ReplicaSet: unscheduled pods first, then starting ones, then the newest running
      live.sort(
          Comparator.comparing((Pod p) -> p.phase != PodPhase.PENDING)
              .thenComparing(p -> p.phase != PodPhase.STARTING)
              .thenComparing(p -> p.created, Comparator.reverseOrder())
              .thenComparing(p -> p.name, Comparator.reverseOrder()));
      for (Pod p : live.subList(0, live.size() - target)) {
        terminate(p);
      }
    }
  }

  private List<Pod> deploymentPods() {
    List<Pod> live = new ArrayList<>();
    for (Pod p : pods) {
      if (!p.job && p.phase != PodPhase.TERMINATING) {
        live.add(p);
      }
    }
    return live;
  }

  private Pod newPod(boolean job, Instant now) {
    Pod p = new Pod((job ? "job-" : "pod-") + (++podSeq), job, now);
    if (!options.nodeModel()) {
      p.phase = PodPhase.STARTING;
      p.startAt = now.plus(options.podStartup());
    }
    return p;
  }

  private void terminate(Pod p) {
    if (p.replica == null) {
      remove(p);
      return;
    }
    if (p.phase != PodPhase.TERMINATING) {
      p.phase = PodPhase.TERMINATING;
      p.replica.terminate();
    }
  }

  private void remove(Pod p) {
    pods.remove(p);
    if (p.node != null && --p.node.pods == 0) {
      p.node.emptySince = null;
    }
  }

  private void provisionNodes(Instant now) {
    if (!options.nodeModel()) {
      return;
    }
    long waiting = pods.stream().filter(p -> p.phase == PodPhase.PENDING).count();
    long room = 0;
    for (Node n : nodes) {
      room += options.podsPerNode() - n.pods;
    }
    for (long missing = waiting - room; missing > 0; missing -= options.podsPerNode()) {
      nodes.add(new Node("node-" + (++nodeSeq), now.plus(options.nodeStartup())));
    }
  }

  private void schedule(Instant now) {
    for (Pod p : pods) {
      if (p.phase != PodPhase.PENDING) {
        continue;
      }
      for (Node n : nodes) {
        if (n.ready(now) && n.pods < options.podsPerNode()) {
          n.pods++;
          n.emptySince = null;
          p.node = n;
          p.phase = PodPhase.STARTING;
          p.startAt = now.plus(options.podStartup());
          break;
        }
      }
    }
  }

  private void start(Instant now) {
    for (Pod p : pods) {
      if (p.phase == PodPhase.STARTING && !now.isBefore(p.startAt)) {
        p.replica = launcher.launch(p.name, p.job);
        p.phase = PodPhase.RUNNING;
      }
    }
  }

  private void removeIdleNodes(Instant now) {
    boolean waiting = pods.stream().anyMatch(p -> p.phase == PodPhase.PENDING);
    for (Node n : List.copyOf(nodes)) {
      if (n.pods > 0 || !n.ready(now)) {
        continue;
      }
      if (n.emptySince == null) {
        n.emptySince = now;
      }
      if (!waiting && !now.isBefore(n.emptySince.plus(options.nodeIdle()))) {
        nodes.remove(n);
      }
    }
  }
}
