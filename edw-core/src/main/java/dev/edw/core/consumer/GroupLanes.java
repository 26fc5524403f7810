package dev.edw.core.consumer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the order of messages within a message group (SQS FIFO): while one message of a group is
 * being processed, later messages of that group wait in its lane and run one after another, in the
 * order they were received; messages of different groups, and messages without a group, run in
 * parallel. Thread-safe.
 */
final class GroupLanes {
  /** A group with a message running, and the ones waiting behind it. */
  private static final class Lane {
    InFlight running;
    final ArrayDeque<InFlight> waiting = new ArrayDeque<>();

    Lane(InFlight running) {
      this.running = running;
    }
  }

  private final Map<String, Lane> lanes = new HashMap<>();

  /**
   * Called in receive order. Returns whether {@code f} may start now; if not, it waits in its
   * group's lane.
   */
  synchronized boolean admit(InFlight f) {
    String group = f.message.groupId();
    if (group == null) {
      return true;
    }
    Lane lane = lanes.get(group);
    if (lane == null) {
      lanes.put(group, new Lane(f));
      return true;
    }
    lane.waiting.add(f);
    return false;
  }

  /** {@code f} finished processing: the next message of its group to run, or null. */
  synchronized InFlight next(InFlight f) {
    String group = f.message.groupId();
    if (group == null) {
      return null;
    }
    Lane lane = lanes.get(group);
    if (lane == null || lane.running != f) {
      return null;
    }
    InFlight next = lane.waiting.poll();
    if (next == null) {
      lanes.remove(group);
    } else {
      lane.running = next;
    }
    return next;
  }

  /**
   * {@code f} failed: the messages waiting behind it, which must be given back so that they are not
   * processed before it; its group no longer runs here.
   */
  synchronized List<InFlight> abandon(InFlight f) {
    String group = f.message.groupId();
    if (group == null) {
      return List.of();
    }
    Lane lane = lanes.get(group);
    if (lane == null || lane.running != f) {
      return List.of();
    }
    lanes.remove(group);
    return new ArrayList<>(lane.waiting);
  }

  /** Every message still waiting in a lane, for a drain. */
  synchronized List<InFlight> drainWaiting() {
    List<InFlight> waiting = new ArrayList<>();
    for (Lane lane : lanes.values()) {
      waiting.addAll(lane.waiting);
      lane.waiting.clear();
    }
    return waiting;
  }
}
