package dev.edw.up;

import dev.edw.scaling.engine.Evaluation;

/**
 * Receives what {@code edw up} observes and decides, on the loop's thread: the status line, the
 * timeline file and the dashboard. Must return quickly; an exception is logged and ignored.
 */
public interface UpListener {
  default void decision(Evaluation decision) {}

  default void snapshot(Snapshot snapshot) {}
}
