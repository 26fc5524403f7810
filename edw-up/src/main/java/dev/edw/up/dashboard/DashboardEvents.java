package dev.edw.up.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edw.scaling.engine.Evaluation;
import dev.edw.up.Snapshot;
import dev.edw.up.UpListener;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The dashboard's data: keeps the recent snapshots and decisions as JSON, replays them to a page
 * that connects, and fans new ones out to every connected page. Thread-safe.
 */
public final class DashboardEvents implements UpListener {
  static final int DEFAULT_HISTORY = 3600;
  static final int DEFAULT_DECISIONS = 500;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One connected page. */
  interface Sink {
    /** Queues one server-sent event; false once the page is gone. */
    boolean offer(String event, String data);
  }

  private final Map<String, Object> config;
  private final int historyLimit;
  private final ArrayDeque<String> snapshots = new ArrayDeque<>();
  private final ArrayDeque<String> decisions = new ArrayDeque<>();
  private final List<Sink> sinks = new CopyOnWriteArrayList<>();

  /**
   * @param config what the page shows in its header: the queue, the spec's name and kind, whether
   *     nodes are modelled
   */
  public DashboardEvents(Map<String, Object> config) {
    this(config, DEFAULT_HISTORY);
  }

  DashboardEvents(Map<String, Object> config, int historyLimit) {
    this.config = Map.copyOf(config);
    this.historyLimit = historyLimit;
  }

  @Override
  public void snapshot(Snapshot s) {
    String json = json(snapshotMap(s));
    synchronized (this) {
      add(snapshots, json, historyLimit);
    }
    broadcast("snapshot", json);
  }

  @Override
  public void decision(Evaluation d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("t", d.t());
    m.put("source", d.source());
    m.put("metric", finite(d.metric()));
    m.put("active", d.active());
    m.put("current", d.current());
    m.put("desired", d.desired());
    m.put("reason", d.reason());
    String json = json(m);
    synchronized (this) {
      add(decisions, json, DEFAULT_DECISIONS);
    }
    broadcast("decision", json);
  }

  /** Connects a page: it gets the config and history first, then every new event. */
  void connect(Sink sink) {
    synchronized (this) {
      String history =
          "{\"config\":"
              + json(config)
              + ",\"snapshots\":["
              + String.join(",", new ArrayList<>(snapshots))
              + "],\"decisions\":["
              + String.join(",", new ArrayList<>(decisions))
              + "]}";
      sink.offer("history", history);
      sinks.add(sink);
    }
  }

  void disconnect(Sink sink) {
    sinks.remove(sink);
  }

  int connected() {
    return sinks.size();
  }

  private void broadcast(String event, String json) {
    for (Sink s : sinks) {
      if (!s.offer(event, json)) {
        sinks.remove(s);
      }
    }
  }

  private static void add(ArrayDeque<String> ring, String json, int limit) {
    ring.addLast(json);
    while (ring.size() > limit) {
      ring.removeFirst();
    }
  }

  static Map<String, Object> snapshotMap(Snapshot s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("t", s.t());
    m.put("visible", s.visible());
    m.put("inFlight", s.inFlight());
    m.put("desired", s.desired());
    m.put("current", s.current());
    m.put("ready", s.ready());
    m.put("pending", s.pending());
    m.put("nodes", s.nodes());
    m.put("readyNodes", s.readyNodes());
    m.put("sent", s.sent());
    m.put("completed", s.completed());
    m.put("throughput", finite(s.throughput()));
    m.put("p50", finite(s.p50()));
    m.put("p99", finite(s.p99()));
    return m;
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
