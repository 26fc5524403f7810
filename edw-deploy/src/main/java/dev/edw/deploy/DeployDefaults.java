package dev.edw.deploy;

import dev.edw.deploy.DeployConfig.Identity;
import dev.edw.deploy.DeployConfig.Nodes;
import dev.edw.deploy.DeployConfig.Quantities;
import dev.edw.deploy.DeployConfig.Redis;
import dev.edw.deploy.DeployConfig.Resources;
import dev.edw.deploy.DeployConfig.Scaling;
import java.util.List;

/**
 * Every default of a rendered deployment, in one place: the seed's own workload (queue aws2azmsgs,
 * table aws2azpmts, namespace aqs-demo, deployment aqs-app) and its ScaledObject numbers, including
 * its stranding activation threshold, which the render then reports and fixes.
 */
public final class DeployDefaults {
  public static final String NAMESPACE = "aqs-demo";
  public static final String NAME = "aqs-app";
  public static final String SERVICE_ACCOUNT = "aqs-app-service-account";
  public static final String QUEUE = "aws2azmsgs";
  public static final String TABLE = "aws2azpmts";
  public static final String IMAGE = "edw:0.1.0";
  public static final String PROCESSOR = "record";
  public static final String STORAGE_ACCOUNT = "edwstorage";
  public static final String AWS_REGION = "us-east-1";
  public static final String REDIS_SERVICE = "edw-redis";

  /** Placeholders the render warns about, to be replaced with what deploy.sh recorded. */
  public static final String PLACEHOLDER_CLIENT_ID = "00000000-0000-0000-0000-000000000000";

  public static final String PLACEHOLDER_AWS_ACCOUNT = "111122223333";

  /** The consumer's own defaults (edw consume --drain-timeout, --metrics-port). */
  public static final int DRAIN_TIMEOUT_SECONDS = 25;

  public static final int METRICS_PORT = 9400;

  /** Seconds the grace period exceeds the drain timeout by, for the JVM to exit. */
  public static final int GRACE_MARGIN_SECONDS = 10;

  /** The seed's pod limits: 64Mi/250m requested, 128Mi/500m at most. */
  public static final Resources RESOURCES =
      new Resources(new Quantities("250m", "64Mi"), new Quantities("500m", "128Mi"));

  /** The seed's ScaledObject: 0..15 replicas, poll 30 s, cool down 10 s, 5 per replica, 20. */
  public static final Scaling SCALING = new Scaling(0, 15, 30, 10, 5, 20);

  public static final String CAPACITY = "spot";
  public static final int NODE_CPU_LIMIT = 100;
  public static final String CLUSTER_NAME = "edw-cluster";
  public static final String REDIS_IMAGE = "redis:7.4-alpine";
  public static final String REDIS_SECRET = "edw-redis";

  private DeployDefaults() {}

  /** The seed's workload on {@code target}. */
  public static DeployConfig of(Target target) {
    String queue =
        switch (target) {
          case AKS -> "azure-queue://" + STORAGE_ACCOUNT + "/" + QUEUE;
          case EKS -> "sqs://" + AWS_REGION + "/" + QUEUE;
          case K8S -> "redis://" + REDIS_SERVICE + ":6379/0/" + QUEUE;
        };
    String table =
        switch (target) {
          case EKS -> "dynamodb://" + AWS_REGION + "/" + TABLE;
          case AKS, K8S -> "azure-table://" + STORAGE_ACCOUNT + "/" + TABLE;
        };
    return new DeployConfig(
        NAMESPACE,
        NAME,
        SERVICE_ACCOUNT,
        IMAGE,
        DeployConfig.MODE_CONSUME,
        queue,
        table,
        PROCESSOR,
        List.of(),
        DRAIN_TIMEOUT_SECONDS,
        null,
        METRICS_PORT,
        RESOURCES,
        new Identity(PLACEHOLDER_CLIENT_ID, PLACEHOLDER_CLIENT_ID, null, PLACEHOLDER_AWS_ACCOUNT),
        SCALING,
        new Nodes(
            target != Target.K8S,
            "edw",
            CAPACITY,
            NODE_CPU_LIMIT,
            CLUSTER_NAME,
            "KarpenterNodeRole-" + CLUSTER_NAME),
        new Redis(true, REDIS_IMAGE, REDIS_SECRET));
  }
}
