package dev.edw.up;

/**
 * End-to-end latency quantiles in seconds over the recent messages of all replicas ({@link
 * LatencyWindow}); NaN when no message completed in the window.
 */
record Latency(double p50, double p99) {}
