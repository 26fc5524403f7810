package dev.edw.core.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Time and calls spent per backend operation during a bench run: where the time goes. */
public final class Timings {
  private final Map<String, LongAdder> nanos = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> items = new ConcurrentHashMap<>();

  void record(String operation, long startNanos, int itemCount) {
    nanos.computeIfAbsent(operation, k -> new LongAdder()).add(System.nanoTime() - startNanos);
    calls.computeIfAbsent(operation, k -> new LongAdder()).increment();
    items.computeIfAbsent(operation, k -> new LongAdder()).add(itemCount);
  }

  /** Operation name to {seconds, calls, items}, sorted by name. */
  public Map<String, double[]> summary() {
    Map<String, double[]> out = new TreeMap<>();
    nanos.forEach(
        (op, n) ->
            out.put(op, new double[] {n.sum() / 1e9, calls.get(op).sum(), items.get(op).sum()}));
    return out;
  }
}
