package dev.edw.scaling.scalers;

import dev.edw.scaling.spec.TriggerSpec;

/**
 * A trigger's target and activation threshold, read from its metadata with the defaults of its KEDA
 * scaler ({@code pkg/scalers/azure_queue_scaler.go} {@code azureQueueMetadata}, {@code
 * aws_sqs_queue_scaler.go} {@code awsSqsQueueMetadata}, {@code redis_scaler.go} {@code
 * redisMetadata}). Other trigger types read {@code targetValue}/{@code value}/{@code threshold} and
 * {@code activationTargetValue}/{@code activationValue}/{@code activationThreshold}.
 */
public record TriggerTargets(double target, double activation) {
  public static final double DEFAULT_QUEUE_LENGTH = 5;
  public static final double DEFAULT_LIST_LENGTH = 5;
  public static final double DEFAULT_ACTIVATION = 0;

  public TriggerTargets {
    if (!(target > 0)) {
      throw new IllegalArgumentException("a trigger's target must be > 0, got " + target);
    }
  }

  /** Reads the targets of one trigger. */
  public static TriggerTargets of(TriggerSpec t) {
    return switch (t.type()) {
      case QueueScalers.AZURE_QUEUE, QueueScalers.AWS_SQS_QUEUE ->
          new TriggerTargets(
              num(t, "queueLength", DEFAULT_QUEUE_LENGTH),
              num(t, "activationQueueLength", DEFAULT_ACTIVATION));
      case QueueScalers.REDIS, QueueScalers.REDIS_CLUSTER, QueueScalers.REDIS_SENTINEL ->
          new TriggerTargets(
              num(t, "listLength", DEFAULT_LIST_LENGTH),
              num(t, "activationListLength", DEFAULT_ACTIVATION));
      default ->
          new TriggerTargets(
              num(t, "targetValue", num(t, "value", num(t, "threshold", Double.NaN))),
              num(
                  t,
                  "activationTargetValue",
                  num(t, "activationValue", num(t, "activationThreshold", DEFAULT_ACTIVATION))));
    };
  }

  private static double num(TriggerSpec t, String key, double fallback) {
    String v = t.meta(key, null);
    if (v == null) {
      return fallback;
    }
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "trigger " + t.name() + ": " + key + " must be a number, got '" + v + "'");
    }
  }
}
