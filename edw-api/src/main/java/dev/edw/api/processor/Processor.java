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
 * queue after the last allowed attempt, with the exception's message as the reason.
 */
@FunctionalInterface
public interface Processor {
  ProcessResult process(ReceivedMessage message) throws Exception;
}
