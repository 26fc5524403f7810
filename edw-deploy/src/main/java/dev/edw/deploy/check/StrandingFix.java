package dev.edw.deploy.check;

import dev.edw.deploy.DeployConfig.Scaling;

/**
 * The fix for settings that strand messages: an activation threshold above zero with no replica
 * kept running leaves up to that many messages on the queue for ever (the seed's 20 with a minimum
 * of 0). The fix renders the threshold as 0, so one message wakes one replica.
 */
public final class StrandingFix {
  private StrandingFix() {}

  /** {@code s} with activation 0. */
  public static Scaling apply(Scaling s) {
    return new Scaling(
        s.minReplicaCount(),
        s.maxReplicaCount(),
        s.pollingInterval(),
        s.cooldownPeriod(),
        s.queueLength(),
        0);
  }
}
