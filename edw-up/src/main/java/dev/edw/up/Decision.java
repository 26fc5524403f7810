package dev.edw.up;

/**
 * One evaluation of the autoscaler, as {@code --timeline} writes it and the dashboard lists it.
 *
 * @param t seconds since {@code edw up} started (the object's creation)
 * @param source {@code keda} (the 0 ↔ 1 polling loop) or {@code hpa} (1 ↔ N)
 * @param metric the metric the rule saw
 * @param active whether the scaler was active
 * @param current replicas before
 * @param desired replicas after (for a ScaledJob: the jobs it asks for)
 * @param reason the rule and the numbers
 */
public record Decision(
    double t,
    String source,
    double metric,
    boolean active,
    int current,
    int desired,
    String reason) {}
