package dev.edw.up.cluster;

/**
 * A pod as the live view shows it.
 *
 * @param node the node it is on, or null while pending
 */
public record PodView(String name, PodPhase phase, String node, boolean ready, boolean job) {}
