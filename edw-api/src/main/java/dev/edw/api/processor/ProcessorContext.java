package dev.edw.api.processor;

import dev.edw.api.blob.BlobStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a processor may use.
 *
 * @param clock the time source; tests pass a fixed or manual clock
 * @param blobs the blob store named by {@code --blobs}, if any
 * @param options free-form settings from {@code --processor-option key=value}
 * @param arguments the command line's words after {@code --} (e.g. the command the {@code exec}
 *     processor runs); empty when none were given
 * @param concurrency how many messages the consumer processes at once, so a processor can size a
 *     pool (at least 1)
 */
public record ProcessorContext(
    Clock clock,
    BlobStore blobs,
    Map<String, String> options,
    List<String> arguments,
    int concurrency) {
  public ProcessorContext {
    Objects.requireNonNull(clock, "'clock' cannot be null.");
    options = Map.copyOf(options);
    arguments = List.copyOf(arguments);
    if (concurrency < 1) {
      throw new IllegalArgumentException("'concurrency' must be at least 1.");
    }
  }

  /** A context without arguments, for a consumer of concurrency 1. */
  public ProcessorContext(Clock clock, BlobStore blobs, Map<String, String> options) {
    this(clock, blobs, options, List.of(), 1);
  }

  public Optional<BlobStore> blobStore() {
    return Optional.ofNullable(blobs);
  }

  /** The blob store, or a clear error for processors that cannot work without one. */
  public BlobStore requireBlobs(String processor) {
    if (blobs == null) {
      throw new IllegalArgumentException(
          "processor '" + processor + "' needs a blob store: pass --blobs URI");
    }
    return blobs;
  }

  public String option(String key, String fallback) {
    return options.getOrDefault(key, fallback);
  }
}
