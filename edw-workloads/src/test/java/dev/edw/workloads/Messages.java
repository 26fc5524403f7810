package dev.edw.workloads;

import dev.edw.api.blob.BlobStore;
import dev.edw.api.processor.ProcessorContext;
import dev.edw.api.queue.ReceivedMessage;
import java.time.Clock;
import java.util.Map;

/** Small builders for processor tests. */
public final class Messages {
  private Messages() {}

  public static ReceivedMessage message(String body) {
    return new ReceivedMessage("m-1", body, 1, null, null, null);
  }

  public static ProcessorContext context(BlobStore blobs, Map<String, String> options) {
    return new ProcessorContext(Clock.systemUTC(), blobs, options);
  }
}
