package dev.edw.deploy;

import dev.edw.api.InvalidInputException;
import dev.edw.api.backend.ResourceUri;
import dev.edw.deploy.check.Finding;
import dev.edw.deploy.check.ScalingReview;
import dev.edw.deploy.check.StrandingFix;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders one workload for one target: Namespace, ServiceAccount, the in-cluster Redis when the
 * queue is one, the Deployment with its ScaledObject (or a ScaledJob), the TriggerAuthentication,
 * and on AKS and EKS the Karpenter NodePool and node class.
 */
public final class Renderer {
  private Renderer() {}

  public static Rendering render(Target target, DeployConfig config) {
    QueueTrigger trigger = QueueTrigger.of(config);
    checkTable(config);
    List<Finding> warnings = new ArrayList<>(placeholders(target, config));
    WorkloadObjects workload = new WorkloadObjects(config, target, trigger);
    DeployConfig.Scaling numbers = config.scaling();
    List<Finding> review =
        ScalingReview.review(
            Yaml.documents(
                List.of(scaled(new ScalingObjects(config, trigger, numbers), workload, config))));
    for (Finding f : review) {
      if (ScalingReview.strands(f)) {
        numbers = StrandingFix.apply(numbers);
        warnings.add(new Finding(f.check(), f.message() + " Rendered with activation 0."));
      } else {
        warnings.add(f);
      }
    }
    ScalingObjects scaling = new ScalingObjects(config, trigger, numbers);
    List<Map<String, Object>> objects = new ArrayList<>();
    objects.add(workload.namespace());
    objects.add(workload.serviceAccount());
    if (trigger.redis() && config.redis().deploy()) {
      RedisObjects redis = new RedisObjects(config, trigger.redisHost());
      objects.add(redis.deployment());
      objects.add(redis.service());
      objects.add(redis.networkPolicy());
    }
    objects.add(scaling.triggerAuthentication());
    if (!config.jobMode()) {
      objects.add(workload.deployment());
    }
    objects.add(scaled(scaling, workload, config));
    if (target != Target.K8S && config.nodes().enabled()) {
      NodeObjects nodes = new NodeObjects(config.nodes(), target);
      objects.add(nodes.nodePool());
      objects.add(nodes.nodeClass());
    }
    return new Rendering(objects, warnings);
  }

  private static Map<String, Object> scaled(
      ScalingObjects scaling, WorkloadObjects workload, DeployConfig config) {
    return config.jobMode()
        ? scaling.scaledJob(workload.podTemplate(true))
        : scaling.scaledObject();
  }

  private static void checkTable(DeployConfig config) {
    ResourceUri table = ResourceUri.parse(config.table());
    if (table.scheme().equals("sqlite")) {
      throw new InvalidInputException(
          "table '"
              + table
              + "' is an embedded SQLite table: each pod would write its own file; deploy an"
              + " azure-table:// or dynamodb:// table");
    }
  }

  private static List<Finding> placeholders(Target target, DeployConfig config) {
    List<Finding> found = new ArrayList<>();
    DeployConfig.Identity id = config.identity();
    if (target == Target.AKS
        && (DeployDefaults.PLACEHOLDER_CLIENT_ID.equals(id.azureClientId())
            || DeployDefaults.PLACEHOLDER_CLIENT_ID.equals(id.kedaClientId()))) {
      found.add(
          new Finding(
              "placeholder",
              "identity.azureClientId / identity.kedaClientId are placeholders: set them from"
                  + " deploy/deploy.state (WORKLOAD_CLIENT_ID, KEDA_CLIENT_ID)"));
    }
    if (target == Target.EKS
        && config.queue().startsWith("sqs://")
        && DeployDefaults.PLACEHOLDER_AWS_ACCOUNT.equals(id.awsAccountId())) {
      found.add(
          new Finding(
              "placeholder",
              "identity.awsAccountId is a placeholder: set it (AWS_ACCOUNT_ID in"
                  + " deploy/deploy.state) so that KEDA's queue URL is right"));
    }
    return found;
  }
}
