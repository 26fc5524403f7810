package dev.edw.core.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a running replica reports on {@code GET /admin/status}, as JSON: {@code
 * {"concurrency":C,"liveWorkers":W,"receiveBudget":B,"inFlight":I,"completed":N,"ready":R}}.
 *
 * @param concurrency the configured concurrency (messages processed at once)
 * @param liveWorkers processing workers alive now; below {@code concurrency} while workers are
 *     being started or replaced
 * @param receiveBudget how many more messages the replica would receive now
 * @param inFlight messages received and not yet completed or given back
 * @param completed messages completed since start (written and acknowledged, or poisoned)
 * @param ready what {@code /readyz} answers
 */
public record ReplicaStatus(
    int concurrency,
    int liveWorkers,
    int receiveBudget,
    int inFlight,
    long completed,
    boolean ready) {
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Reads a status; unknown fields are ignored, so later versions may add some. */
  public static ReplicaStatus parse(String json) {
    try {
      return JSON.readValue(json, ReplicaStatus.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a replica status: " + e.getOriginalMessage(), e);
    }
  }
}
