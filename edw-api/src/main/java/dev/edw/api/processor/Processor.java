package dev.edw.api.processor;

import dev.edw.api.queue.ReceivedMessage;

/**
 * Does the work for one message. The consumer calls {@link #process} for many messages at once from
 * many (virtual) threads, so implementations must be thread-safe.
 *
 * <p>Processing must be idempotent: a message may be processed more than once (a lease expired, a
 * consumer was killed after writing but before acknowledging). Entities returned in the {@link
 * ProcessResult} are upserted by the runtime before the message is deleted; blobs a processor
 * writes itself must be keyed by the message so that a repeat overwrites them.
 *
 * <p>Throwing fails this attempt: the message is retried after a back-off and goes to the poison
 * queue after the last allowed attempt, with the exception's message as the reason. Throwing a
 * {@link PoisonMessageException} sends it to the poison queue at once: retrying cannot help.
 *
 * <p>Lifecycle: the runtime calls {@link #close()} once, after the consumer has stopped (drained,
 * or the queue is empty) and no {@link #process} call is running, so a processor that holds
 * resources (child processes, connections) releases them there. The default does nothing.
 */
@FunctionalInterface
public interface Processor extends AutoCloseable {
  ProcessResult process(ReceivedMessage message) throws Exception;

  /** Releases what the processor holds; called once, after the last {@link #process} returned. */
  @Override
  default void close() {}
}
