package dev.edw.core.metrics;

import dev.edw.api.queue.ReceivedMessage;
import dev.edw.core.admin.ReplicaControl;
import dev.edw.core.consumer.WorkerListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Turns worker events into Micrometer meters, tagged with the queue's name: {@code
 * edw_messages_processed_total}, {@code edw_messages_failed_total}, {@code
 * edw_messages_poisoned_total}, {@code edw_processing_seconds}, {@code edw_end_to_end_seconds},
 * {@code edw_in_flight}, {@code edw_leases_extended_total}, {@code edw_leases_lost_total}, {@code
 * edw_loop_errors_total}. Latencies are histograms with fixed buckets ({@link #LATENCY_BUCKETS}),
 * so that PromQL can add them up across replicas; every counter exists from the start, at zero.
 *
 * <p>Beside them, the OpenTelemetry messaging names: {@code messaging.process.duration} and {@code
 * messaging.client.consumed.messages}, tagged {@code messaging.system} and {@code
 * messaging.destination.name} (in Prometheus: {@code messaging_process_duration_seconds}, {@code
 * messaging_client_consumed_messages_total}). Also {@code edw_outages_total{source}} and, once
 * {@link #watch} is called, the gauges of a running replica.
 */
public final class WorkerMetrics implements WorkerListener {
  private final MeterRegistry registry;
  private final String queue;
  private final Counter processed;
  private final Counter failed;
  private final Counter poisoned;
  private final Counter received;
  private final Counter leasesExtended;
  private final Counter leasesLost;
  private final Counter released;
  private final Timer processing;
  private final Timer endToEnd;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Counter consumed;
  private final Timer otelProcessing;

  /** The bucket bounds of the latency histograms, from 1 ms to 1 hour. */
  public static final Duration[] LATENCY_BUCKETS = {
    Duration.ofMillis(1),
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10),
    Duration.ofSeconds(30),
    Duration.ofSeconds(60),
    Duration.ofMinutes(5),
    Duration.ofMinutes(15),
    Duration.ofHours(1)
  };

  /** The loops of a worker, each with an {@code edw_loop_errors_total} series from the start. */
  public static final java.util.List<String> LOOPS =
      java.util.List.of("poll", "write", "lease", "acknowledge", "poison", "depth");

  /** The sources of {@code edw_outages_total}, each with a series from the start. */
  public static final java.util.List<String> OUTAGE_SOURCES = java.util.List.of("process", "write");

  /** The {@code messaging.system} of a queue that does not say: edw's own. */
  public static final String DEFAULT_SYSTEM = "edw";

  public WorkerMetrics(MeterRegistry registry, String queue) {
    this(registry, queue, DEFAULT_SYSTEM);
  }

  /**
   * @param system the OpenTelemetry {@code messaging.system}, e.g. {@code aws_sqs}; see {@link
   *     #messagingSystem(String)}
   */
  public WorkerMetrics(MeterRegistry registry, String queue, String system) {
    this.registry = registry;
    this.queue = queue;
    this.processed = counter("edw.messages.processed", "messages written and acknowledged");
    this.failed = counter("edw.messages.failed", "failed processing attempts");
    this.poisoned = counter("edw.messages.poisoned", "messages moved to the poison queue");
    this.received = counter("edw.messages.received", "messages received");
    this.leasesExtended = counter("edw.leases.extended", "lease renewals");
    this.leasesLost = counter("edw.leases.lost", "leases lost to expiry");
    this.released = counter("edw.messages.released", "messages given back on drain");
    this.processing =
        Timer.builder("edw.processing")
            .description("time in the processor per message")
            .tag("queue", queue)
            .serviceLevelObjectives(LATENCY_BUCKETS)
            .register(registry);
    this.endToEnd =
        Timer.builder("edw.end.to.end")
            .description("from the message's srcStamp (or enqueue time) to acknowledgement")
            .tag("queue", queue)
            .serviceLevelObjectives(LATENCY_BUCKETS)
            .register(registry);
    io.micrometer.core.instrument.Gauge.builder("edw.in.flight", inFlight, AtomicInteger::get)
        .description("messages received and not yet completed")
        .tag("queue", queue)
        .register(registry);
    for (String loop : LOOPS) {
      loopErrors(loop);
    }
    for (String source : OUTAGE_SOURCES) {
      outages(source);
    }
    this.consumed =
        Counter.builder("messaging.client.consumed.messages")
            .description("messages delivered to the consumer (OpenTelemetry messaging name)")
            .tag("messaging.system", system)
            .tag("messaging.destination.name", queue)
            .register(registry);
    this.otelProcessing =
        Timer.builder("messaging.process.duration")
            .description("time in the processor per message (OpenTelemetry messaging name)")
            .tag("messaging.system", system)
            .tag("messaging.destination.name", queue)
            .serviceLevelObjectives(LATENCY_BUCKETS)
            .register(registry);
  }

  /**
   * The OpenTelemetry {@code messaging.system} for a URI scheme: {@code sqs} is {@code aws_sqs}.
   */
  public static String messagingSystem(String scheme) {
    return switch (scheme) {
      case "sqs" -> "aws_sqs";
      case "azure-queue" -> "azure_queue_storage";
      case "redis", "rediss" -> "redis";
      default -> scheme.replace('-', '_');
    };
  }

  private Counter loopErrors(String loop) {
    return Counter.builder("edw.loop.errors")
        .description("errors caught by a worker loop, which kept running")
        .tag("queue", queue)
        .tag("loop", loop)
        .register(registry);
  }

  /**
   * Registers the gauges of a running replica: {@code edw_concurrency} (configured), {@code
   * edw_workers_live} and {@code edw_receive_budget}.
   */
  public void watch(ReplicaControl replica) {
    java.util.List<io.micrometer.core.instrument.Tag> tags =
        java.util.List.of(io.micrometer.core.instrument.Tag.of("queue", queue));
    Gauge.builder("edw.concurrency", replica, r -> r.status().concurrency())
        .description("configured concurrency: messages processed at once")
        .tags(tags)
        .register(registry);
    Gauge.builder("edw.workers.live", replica, r -> r.status().liveWorkers())
        .description("processing workers alive")
        .tags(tags)
        .register(registry);
    Gauge.builder("edw.receive.budget", replica, r -> r.status().receiveBudget())
        .description("messages the replica would receive now")
        .tags(tags)
        .register(registry);
  }

  private Counter counter(String name, String description) {
    return Counter.builder(name).description(description).tag("queue", queue).register(registry);
  }

  @Override
  public void received(int count) {
    received.increment(count);
    consumed.increment(count);
  }

  @Override
  public void processed(ReceivedMessage message, Duration duration) {
    processing.record(duration);
    otelProcessing.record(duration);
  }

  @Override
  public void completed(ReceivedMessage message, Duration latency) {
    processed.increment();
    if (!latency.isNegative()) {
      endToEnd.record(latency);
    }
  }

  @Override
  public void failed(ReceivedMessage message, Throwable cause, Duration retryIn) {
    failed.increment();
  }

  @Override
  public void poisoned(ReceivedMessage message, String reason) {
    poisoned.increment();
  }

  @Override
  public void leasesExtended(int count) {
    leasesExtended.increment(count);
  }

  @Override
  public void leaseLost(ReceivedMessage message) {
    leasesLost.increment();
  }

  @Override
  public void released(int count) {
    released.increment(count);
  }

  @Override
  public void loopError(String loop, Throwable error) {
    loopErrors(loop).increment();
  }

  @Override
  public void outage(String source, Throwable error) {
    outages(source).increment();
  }

  private Counter outages(String source) {
    return Counter.builder("edw.outages")
        .description(
            "calls that met an unreachable backend for a message (retried, not counted as attempts)")
        .tag("queue", queue)
        .tag("source", source)
        .register(registry);
  }

  @Override
  public void inFlight(int count) {
    inFlight.set(count);
  }
}
