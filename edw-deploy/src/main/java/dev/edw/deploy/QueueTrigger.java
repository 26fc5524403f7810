package dev.edw.deploy;

import dev.edw.api.InvalidInputException;
import dev.edw.api.backend.ResourceUri;
import java.util.List;
import java.util.Map;

/**
 * The KEDA trigger and its authentication, derived from the queue URI: azure-queue with the {@code
 * azure-workload} pod identity, aws-sqs-queue with the {@code aws} pod identity (KEDA's own
 * identity, so it works with IRSA and EKS Pod Identity alike), redis with a password from a Secret.
 * Queues that cannot be shared between pods are refused.
 *
 * @param type the KEDA trigger type
 * @param metadata the trigger's metadata, without the scaling numbers
 * @param authSpec the TriggerAuthentication spec
 * @param redis whether the queue lives on a Redis server
 * @param redisHost the Redis host of a redis queue, else null
 */
public record QueueTrigger(
    String type,
    Map<String, Object> metadata,
    Map<String, Object> authSpec,
    boolean redis,
    String redisHost) {

  /** The trigger of {@code config}'s queue. */
  public static QueueTrigger of(DeployConfig config) {
    ResourceUri uri = ResourceUri.parse(config.queue());
    return switch (uri.scheme()) {
      case "azure-queue" -> azure(uri, config);
      case "sqs" -> sqs(uri, config);
      case "redis", "rediss" -> redis(uri, config);
      case "sqlite" ->
          throw new InvalidInputException(
              "queue '"
                  + uri
                  + "' is an embedded SQLite queue: it lives in one pod's file and cannot be"
                  + " shared by several pods; deploy an azure-queue://, sqs:// or redis:// queue");
      default ->
          throw new InvalidInputException(
              "queue '"
                  + uri
                  + "' cannot be deployed: use an azure-queue://, sqs:// or redis:// queue");
    };
  }

  /** The KEDA trigger's metadata names of the target length and the activation threshold. */
  public String lengthKey() {
    return switch (type) {
      case "redis" -> "listLength";
      default -> "queueLength";
    };
  }

  public String activationKey() {
    return switch (type) {
      case "redis" -> "activationListLength";
      default -> "activationQueueLength";
    };
  }

  private static QueueTrigger azure(ResourceUri uri, DeployConfig config) {
    String account = uri.location().startsWith("//") ? uri.location().substring(2) : "";
    if (account.isEmpty() || account.contains("/")) {
      throw new InvalidInputException(
          "queue '" + uri + "' must name its storage account: azure-queue://ACCOUNT/QUEUE");
    }
    return new QueueTrigger(
        "azure-queue",
        Yaml.map("queueName", uri.name(), "accountName", account, "cloud", "AzurePublicCloud"),
        Yaml.map(
            "podIdentity",
            Yaml.map("provider", "azure-workload", "identityId", config.identity().kedaClientId())),
        false,
        null);
  }

  private static QueueTrigger sqs(ResourceUri uri, DeployConfig config) {
    String region;
    String url;
    if (uri.location().startsWith("https:")) {
      url = uri.location() + "/" + uri.name();
      String host = uri.location().replaceFirst("^https://", "").split("/")[0];
      String[] parts = host.split("\\.");
      if (parts.length < 2) {
        throw new InvalidInputException("queue '" + uri + "' has no region in its URL");
      }
      region = parts[1];
    } else if (uri.location().startsWith("//")) {
      region = uri.location().substring(2);
      url =
          "https://sqs."
              + region
              + ".amazonaws.com/"
              + config.identity().awsAccountId()
              + "/"
              + uri.name();
    } else {
      throw new InvalidInputException(
          "queue '" + uri + "' must name its region: sqs://REGION/QUEUE or sqs:https://...");
    }
    return new QueueTrigger(
        "aws-sqs-queue",
        Yaml.map("queueURL", url, "awsRegion", region),
        Yaml.map("podIdentity", Yaml.map("provider", "aws", "identityOwner", "keda")),
        false,
        null);
  }

  private static QueueTrigger redis(ResourceUri uri, DeployConfig config) {
    String[] path = uri.location().replaceFirst("^//", "").split("/");
    String hostPort = path[0].replaceFirst("^.*@", "");
    if (hostPort.isEmpty()) {
      throw new InvalidInputException(
          "queue '" + uri + "' must name its server: redis://HOST:6379/0/LIST");
    }
    String host = hostPort.split(":")[0];
    String port = hostPort.contains(":") ? hostPort.split(":")[1] : "6379";
    String db = path.length > 1 ? path[1] : "0";
    String address =
        (host.contains(".") ? host : host + "." + config.namespace() + ".svc") + ":" + port;
    return new QueueTrigger(
        "redis",
        Yaml.map(
            "address",
            address,
            "listName",
            uri.name(),
            "databaseIndex",
            db,
            "enableTLS",
            "rediss".equals(uri.scheme()) ? "true" : null),
        Yaml.map(
            "secretTargetRef",
            List.of(
                Yaml.map(
                    "parameter", "password", "name", config.redis().secret(), "key", "password"))),
        true,
        host);
  }
}
