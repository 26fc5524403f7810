package dev.edw.up;

/**
 * What the live view shows at one tick.
 *
 * @param t seconds since the start
 * @param visible messages visible on the queue
 * @param inFlight messages leased by replicas
 * @param desired the replica count the autoscaler last asked for (jobs: jobs running)
 * @param current pods that are not terminating
 * @param ready pods running and ready
 * @param pending pods waiting for a node or starting
 * @param nodes nodes, ready or provisioning (0 without the node model)
 * @param readyNodes nodes that are ready
 * @param sent messages the producer sent
 * @param completed messages the replicas completed
 * @param throughput completed messages a second, over the last few seconds
 * @param p50 median end-to-end latency in seconds, NaN when unknown
 * @param p99 99th percentile end-to-end latency in seconds, NaN when unknown
 */
public record Snapshot(
    double t,
    long visible,
    long inFlight,
    int desired,
    int current,
    int ready,
    int pending,
    int nodes,
    int readyNodes,
    long sent,
    long completed,
    double throughput,
    double p50,
    double p99) {}
