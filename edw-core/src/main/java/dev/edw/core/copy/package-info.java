/**
 * Copying a queue or a table from one backend to another ({@code edw copy}): {@link
 * dev.edw.core.copy.QueueCopier} moves messages (deleting each from the source only once the target
 * accepted it), {@link dev.edw.core.copy.TableCopier} pages through a table and upserts every row,
 * and {@link dev.edw.core.copy.CopyKinds} tells which kind a source URI names.
 */
package dev.edw.core.copy;
