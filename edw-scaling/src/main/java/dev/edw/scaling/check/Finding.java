package dev.edw.scaling.check;

/**
 * One problem with scaling settings.
 *
 * @param code {@code strands}, {@code flaps}, {@code cannot-keep-up} or {@code slow-burst}
 * @param message what happens and what to change
 */
public record Finding(String code, String message) {
  public static final String STRANDS = "strands";
  public static final String FLAPS = "flaps";
  public static final String CANNOT_KEEP_UP = "cannot-keep-up";
  public static final String SLOW_BURST = "slow-burst";
}
