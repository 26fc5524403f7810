package dev.edw.scaling.scalers;

import dev.edw.api.queue.QueueDepth;
import dev.edw.scaling.spec.TriggerSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metric each KEDA queue scaler would report for a queue-depth snapshot. edw's embedded store
 * has no KEDA scaler of its own: its depth is read with the semantics of the trigger named in the
 * YAML.
 */
public final class QueueScalers {
  public static final String AZURE_QUEUE = "azure-queue";
  public static final String AWS_SQS_QUEUE = "aws-sqs-queue";
  public static final String REDIS = "redis";
  public static final String REDIS_CLUSTER = "redis-cluster";
  public static final String REDIS_SENTINEL = "redis-sentinel";

  /** The Azure scaler peeks at most this many messages ({@code maxPeekMessages}). */
  public static final int AZURE_MAX_PEEK = 32;

  private QueueScalers() {}

  /** Whether edw knows how to turn a queue depth into this trigger's metric. */
  public static boolean supports(String type) {
    return List.of(AZURE_QUEUE, AWS_SQS_QUEUE, REDIS, REDIS_CLUSTER, REDIS_SENTINEL).contains(type);
  }

  /** One metric per trigger, keyed by trigger name, all read from the same queue. */
  public static Map<String, Double> metrics(List<TriggerSpec> triggers, QueueDepth depth) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (TriggerSpec t : triggers) {
      out.put(t.name(), metric(t, depth));
    }
    return out;
  }

  /**
   * The metric of one trigger.
   *
   * <ul>
   *   <li>azure-queue ({@code azure_queue_scaler.go} {@code getMessageCount}): strategy {@code all}
   *       (default) is the approximate count, which includes in-flight (and delayed) messages;
   *       {@code visibleonly} peeks up to 32 visible messages and, when it sees 32, falls back to
   *       the approximate count.
   *   <li>aws-sqs-queue ({@code aws_sqs_queue_scaler.go} {@code parseAwsSqsQueueMetadata}):
   *       visible, plus in flight unless {@code scaleOnInFlight: false}, plus delayed when {@code
   *       scaleOnDelayed: true}.
   *   <li>redis lists ({@code redis_scaler.go} {@code GetMetricsAndActivity}): the list length
   *       ({@code LLEN}), so only visible messages; a missing key is 0.
   * </ul>
   *
   * @throws IllegalArgumentException for a trigger type with no queue semantics
   */
  public static double metric(TriggerSpec t, QueueDepth d) {
    long inFlight = Math.max(d.inFlight(), 0);
    long delayed = Math.max(d.delayed(), 0);
    return switch (t.type()) {
      case AZURE_QUEUE -> {
        String strategy = t.meta("queueLengthStrategy", "all").toLowerCase(java.util.Locale.ROOT);
        long approximate = d.visible() + inFlight + delayed;
        if (strategy.equals("visibleonly")) {
          long peeked = Math.min(d.visible(), AZURE_MAX_PEEK);
          yield peeked < AZURE_MAX_PEEK ? peeked : approximate;
        }
        if (!strategy.equals("all")) {
          throw new IllegalArgumentException(
              "trigger " + t.name() + ": queueLengthStrategy must be all or visibleonly");
        }
        yield approximate;
      }
      case AWS_SQS_QUEUE -> {
        boolean onInFlight = bool(t, "scaleOnInFlight", true);
        boolean onDelayed = bool(t, "scaleOnDelayed", false);
        yield d.visible() + (onInFlight ? inFlight : 0) + (onDelayed ? delayed : 0);
      }
      case REDIS, REDIS_CLUSTER, REDIS_SENTINEL -> Math.max(d.visible(), 0);
      default ->
          throw new IllegalArgumentException(
              "trigger type "
                  + t.type()
                  + " has no queue semantics in edw (use azure-queue, aws-sqs-queue or redis)");
    };
  }

  private static boolean bool(TriggerSpec t, String key, boolean fallback) {
    String v = t.meta(key, null);
    return v == null ? fallback : Boolean.parseBoolean(v);
  }
}
