package dev.edw.api.processor;

import dev.edw.api.blob.BlobStore;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a processor may use.
 *
 * @param clock the time source; tests pass a fixed or manual clock
 * @param blobs the blob store named by {@code --blobs}, if any
 * @param options free-form settings from {@code --processor-option key=value}
 */
public record ProcessorContext(Clock clock, BlobStore blobs, Map<String, String> options) {
  public ProcessorContext {
    Objects.requireNonNull(clock, "'clock' cannot be null.");
    options = Map.copyOf(options);
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
