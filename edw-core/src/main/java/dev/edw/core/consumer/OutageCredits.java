package dev.edw.core.consumer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How many receives of each message were wasted on outages, so they do not count toward the poison
 * queue. The backend raises a message's dequeue count on every receive; a message given back
 * because the table or the processor's store was unreachable gets a credit here, and the poison
 * decision uses {@code dequeueCount - credits}. Kept per replica and bounded (the oldest entries
 * are dropped), which is enough because an outage first keeps messages in process and retries them
 * there; only one that outlasts that retry is given back. Thread-safe.
 */
final class OutageCredits {
  static final int MAX_ENTRIES = 100_000;

  private final Map<String, Integer> credits =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
          return size() > MAX_ENTRIES;
        }
      };

  synchronized void credit(String messageId) {
    credits.merge(messageId, 1, Integer::sum);
  }

  /** The attempts that count: the dequeue count less the receives wasted on outages. */
  synchronized int countedAttempts(String messageId, int dequeueCount) {
    return Math.max(1, dequeueCount - credits.getOrDefault(messageId, 0));
  }

  synchronized void forget(String messageId) {
    credits.remove(messageId);
  }

  /** Forgets the credits of a batch of messages under one lock. */
  synchronized void forget(List<InFlight> messages) {
    if (credits.isEmpty()) {
      return;
    }
    for (InFlight f : messages) {
      credits.remove(f.message.id());
    }
  }
}
