package dev.edw.deploy.check;

import dev.edw.deploy.DeployConfig.Scaling;
import java.util.List;

/**
 * An activation threshold above zero with no replica kept running strands messages: while the queue
 * holds no more than the threshold, KEDA keeps the workload at zero, and those messages wait for
 * ever (the seed's 20 with a minimum of 0). The fix renders the threshold as 0: one message wakes
 * one replica.
 */
public final class StrandingFix {
  public static final String CHECK = "strands-messages";

  private StrandingFix() {}

  /** The result: the scaling to render, and what was fixed. */
  public record Result(Scaling scaling, List<Finding> findings) {}

  public static Result apply(Scaling s) {
    if (s.minReplicaCount() > 0 || s.activationQueueLength() == 0) {
      return new Result(s, List.of());
    }
    Scaling fixed =
        new Scaling(
            s.minReplicaCount(),
            s.maxReplicaCount(),
            s.pollingInterval(),
            s.cooldownPeriod(),
            s.queueLength(),
            0);
    return new Result(
        fixed,
        List.of(
            new Finding(
                CHECK,
                "activationQueueLength "
                    + s.activationQueueLength()
                    + " with minReplicaCount 0 leaves up to "
                    + s.activationQueueLength()
                    + " message(s) on the queue with no replica to process them; rendered 0")));
  }
}
