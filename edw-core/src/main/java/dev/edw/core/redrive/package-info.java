/**
 * Putting poison messages back: {@link dev.edw.core.redrive.Redriver} reads the envelopes the
 * consumer's poison mover wrote and sends their original bodies to the work queue again.
 */
package dev.edw.core.redrive;
