package dev.edw.deploy;

import dev.edw.api.InvalidInputException;
import java.util.regex.Pattern;

/** The cross-field rules of a {@link DeployConfig}, checked once when it is read. */
final class DeployConfigRules {
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  private DeployConfigRules() {}

  static void check(DeployConfig c, String source) {
    label(c.namespace(), "namespace", source);
    label(c.name(), "name", source);
    label(c.serviceAccount(), "serviceAccount", source);
    if (!DeployConfig.MODE_CONSUME.equals(c.mode()) && !DeployConfig.MODE_JOB.equals(c.mode())) {
      throw new InvalidInputException(
          source + ": mode must be consume or job, not '" + c.mode() + "'");
    }
    require(c.image(), "image", source);
    require(c.queue(), "queue", source);
    require(c.table(), "table", source);
    require(c.processor(), "processor", source);
    if (c.drainTimeoutSeconds() < 1) {
      throw new InvalidInputException(source + ": drainTimeoutSeconds must be at least 1");
    }
    if (c.gracePeriodSeconds() <= c.drainTimeoutSeconds()) {
      throw new InvalidInputException(
          source
              + ": terminationGracePeriodSeconds ("
              + c.gracePeriodSeconds()
              + ") must exceed drainTimeoutSeconds ("
              + c.drainTimeoutSeconds()
              + "), or Kubernetes kills pods that are still draining");
    }
    if (c.metricsPort() < 1 || c.metricsPort() > 65535) {
      throw new InvalidInputException(source + ": metricsPort must be 1..65535");
    }
    DeployConfig.Scaling s = c.scaling();
    if (s.minReplicaCount() < 0
        || s.maxReplicaCount() < 1
        || s.minReplicaCount() > s.maxReplicaCount()) {
      throw new InvalidInputException(
          source
              + ": scaling needs 0 <= minReplicaCount <= maxReplicaCount and maxReplicaCount >= 1");
    }
    if (s.queueLength() < 1 || s.activationQueueLength() < 0 || s.pollingInterval() < 1) {
      throw new InvalidInputException(
          source
              + ": scaling needs queueLength >= 1, activationQueueLength >= 0, pollingInterval >= 1");
    }
    String capacity = c.nodes().capacity();
    if (!"spot".equals(capacity) && !"on-demand".equals(capacity)) {
      throw new InvalidInputException(
          source + ": nodes.capacity must be spot or on-demand, not '" + capacity + "'");
    }
    label(c.nodes().pool(), "nodes.pool", source);
  }

  private static void label(String value, String key, String source) {
    if (value == null || !DNS_LABEL.matcher(value).matches()) {
      throw new InvalidInputException(
          source
              + ": "
              + key
              + " must be a DNS label (lower-case letters, digits, '-'), not '"
              + value
              + "'");
    }
  }

  private static void require(String value, String key, String source) {
    if (value == null || value.isBlank()) {
      throw new InvalidInputException(source + ": " + key + " must be set");
    }
  }
}
