package dev.edw.azure;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * Runs one service call per item on virtual threads, at most {@link #MAX_IN_FLIGHT} at once, and
 * returns the results in the items' order. Azure's queue API takes one message per call and its
 * table API one partition per transaction, so a batch from the runtime (hundreds of deletes, rows
 * each in its own partition) is only fast when its calls overlap. The clients are thread-safe.
 */
final class ParallelCalls {
  /** Calls in flight at once per batch: enough to hide latency, few enough not to flood. */
  static final int MAX_IN_FLIGHT = 32;

  private ParallelCalls() {}

  /**
   * Applies {@code call} to every item; once all are done, rethrows the first item's failure (in
   * the items' order), if any.
   */
  static <T, R> List<R> map(List<T> items, Function<T, R> call) {
    List<R> results = new ArrayList<>(items.size());
    if (items.size() <= 1) {
      items.forEach(item -> results.add(call.apply(item)));
      return results;
    }
    Semaphore permits = new Semaphore(MAX_IN_FLIGHT);
    List<Future<R>> futures = new ArrayList<>(items.size());
    try (ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor()) {
      for (T item : items) {
        permits.acquireUninterruptibly();
        futures.add(
            calls.submit(
                () -> {
                  try {
                    return call.apply(item);
                  } finally {
                    permits.release();
                  }
                }));
      }
    }
    for (Future<R> f : futures) {
      results.add(resultOf(f));
    }
    return results;
  }

  private static <R> R resultOf(Future<R> future) {
    try {
      return future.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a call", e);
    }
  }
}
