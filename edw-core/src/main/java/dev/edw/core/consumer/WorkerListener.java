package dev.edw.core.consumer;

import dev.edw.api.queue.ReceivedMessage;
import java.time.Duration;

/**
 * Events of a {@link QueueWorker}. One interface feeds both metrics and tests; every method has a
 * no-op default. Called from many threads at once: implementations must be thread-safe and quick.
 */
public interface WorkerListener {

  /** A receive returned {@code count} messages. */
  default void received(int count) {}

  /** A receive call succeeded, with {@code count} messages (maybe none): the queue is reachable. */
  default void polled(int count) {}

  /** The processor finished a message. */
  default void processed(ReceivedMessage message, Duration processing) {}

  /**
   * A message's result is written and the message acknowledged.
   *
   * @param endToEnd from the event's source time (or enqueue time) to now
   */
  default void completed(ReceivedMessage message, Duration endToEnd) {}

  /** An attempt failed; {@code retryIn} is null when the message goes to the poison queue. */
  default void failed(ReceivedMessage message, Throwable cause, Duration retryIn) {}

  /** A message was moved to the poison queue. */
  default void poisoned(ReceivedMessage message, String reason) {}

  /** Leases of {@code count} messages were extended. */
  default void leasesExtended(int count) {}

  /** A message's lease was lost (expired and taken by another consumer). */
  default void leaseLost(ReceivedMessage message) {}

  /** A message received but not started was released on drain. */
  default void released(int count) {}

  /** A loop caught an error and keeps running. */
  default void loopError(String loop, Throwable error) {}

  /**
   * A backend was unreachable for a message ({@code source}: {@code process} when the processor's
   * store failed, {@code write} when the result table did): the attempt is retried or given back
   * without counting toward the poison queue.
   */
  default void outage(String source, Throwable error) {}

  /** The number of messages received and not yet completed changed. */
  default void inFlight(int count) {}

  /** No-op listener. */
  WorkerListener NONE = new WorkerListener() {};
}
