package dev.edw.api.blob;

import java.time.Instant;

/**
 * A blob as listed.
 *
 * @param name its name within the store
 * @param size bytes
 * @param lastModified when it was last written, where known; else null
 */
public record BlobInfo(String name, long size, Instant lastModified) {}
