/**
 * The edw service-provider interface.
 *
 * <p>Three resource kinds, each named by a {@link dev.edw.api.backend.ResourceUri}: a {@link
 * dev.edw.api.queue.WorkQueue work queue}, a {@link dev.edw.api.table.ResultTable result table} and
 * a {@link dev.edw.api.blob.BlobStore blob store}. A {@link dev.edw.api.backend.BackendProvider}
 * opens them for the URI schemes it owns; a {@link dev.edw.api.processor.ProcessorFactory} makes
 * the processors the consumer runs. This package holds interfaces and value types only;
 * implementations live in their own modules.
 */
package dev.edw.api;
