package dev.edw.deploy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What {@code edw deploy render} renders: one workload, its identity, its scaling and its nodes.
 * Read from YAML by {@link DeployConfigReader} on top of {@link DeployDefaults#of(Target)}; the
 * format is documented in docs/deploy.md.
 *
 * @param namespace the Kubernetes namespace of every object
 * @param name the Deployment (or ScaledJob) name; also the {@code app} label of its pods
 * @param serviceAccount the pods' service account, bound to the cloud identity
 * @param image the edw image
 * @param mode {@code consume} (a Deployment and a ScaledObject) or {@code job} (a ScaledJob)
 * @param queue the work queue URI; its scheme picks the KEDA trigger
 * @param table the result table URI
 * @param processor the processor name passed to {@code --processor}
 * @param args extra edw arguments appended to the command
 * @param drainTimeoutSeconds {@code --drain-timeout}, in seconds
 * @param terminationGracePeriodSeconds must exceed the drain timeout; null for drain + margin
 * @param metricsPort the port of /healthz, /readyz and /metrics
 */
public record DeployConfig(
    String namespace,
    String name,
    String serviceAccount,
    String image,
    String mode,
    String queue,
    String table,
    String processor,
    List<String> args,
    int drainTimeoutSeconds,
    Integer terminationGracePeriodSeconds,
    int metricsPort,
    Resources resources,
    Identity identity,
    Scaling scaling,
    Nodes nodes,
    Redis redis) {

  public static final String MODE_CONSUME = "consume";
  public static final String MODE_JOB = "job";

  public DeployConfig {
    args = args == null ? List.of() : List.copyOf(args);
  }

  /** Whether this renders a ScaledJob rather than a Deployment with a ScaledObject. */
  public boolean jobMode() {
    return MODE_JOB.equals(mode);
  }

  /** The grace period the pods get: the configured one, or the drain timeout plus a margin. */
  public int gracePeriodSeconds() {
    return terminationGracePeriodSeconds != null
        ? terminationGracePeriodSeconds
        : drainTimeoutSeconds + DeployDefaults.GRACE_MARGIN_SECONDS;
  }

  /** CPU and memory of one request or limit, as Kubernetes quantities. */
  public record Quantities(String cpu, String memory) {}

  /** The container's requests and limits. */
  public record Resources(Quantities requests, Quantities limits) {}

  /**
   * The cloud identities.
   *
   * @param azureClientId client id of the workload's managed identity (AKS)
   * @param kedaClientId client id of the identity KEDA reads the queue with (AKS)
   * @param awsRoleArn the consumer role for IRSA; null for EKS Pod Identity (no annotation)
   * @param awsAccountId the account of an {@code sqs://region/name} queue, for KEDA's queue URL
   */
  public record Identity(
      String azureClientId, String kedaClientId, String awsRoleArn, String awsAccountId) {}

  /** The KEDA numbers, named as in a ScaledObject. */
  public record Scaling(
      int minReplicaCount,
      int maxReplicaCount,
      int pollingInterval,
      int cooldownPeriod,
      int queueLength,
      int activationQueueLength) {}

  /**
   * The Karpenter node pool (AKS node autoprovisioning or Karpenter on EKS).
   *
   * @param enabled whether to render a NodePool and its node class
   * @param pool the NodePool and node class name
   * @param capacity {@code spot} or {@code on-demand}
   * @param cpuLimit most vCPUs the pool may hold
   * @param clusterName EKS: the {@code karpenter.sh/discovery} tag of subnets and security groups
   * @param nodeRole EKS: the IAM role of the nodes
   */
  public record Nodes(
      boolean enabled,
      String pool,
      String capacity,
      @JsonProperty("cpuLimit") int cpuLimit,
      String clusterName,
      String nodeRole) {}

  /**
   * The in-cluster Redis for a {@code redis://} queue (seed 004).
   *
   * @param deploy whether to render it (only when the queue is a Redis one)
   * @param image the Redis image
   * @param secret the Secret that holds its password under the key {@code password}
   */
  public record Redis(boolean deploy, String image, String secret) {}
}
