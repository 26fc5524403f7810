package dev.edw.cli;

import dev.edw.scaling.load.LoadProfile;
import picocli.CommandLine.Option;

/**
 * The load profile flags that {@code edw up} and {@code edw simulate} share: {@code --profile},
 * {@code --rate}, {@code --base}, {@code --at}, {@code --length} and {@code --period}. A number
 * left out takes the profile kind's default ({@link LoadProfile#of}).
 */
final class LoadProfileFlags {
  @Option(
      names = "--profile",
      paramLabel = "KIND",
      description = "Load profile: constant (default), step, ramp, burst or sine.")
  String profile;

  @Option(
      names = "--rate",
      description =
          "Messages/s: the level, step top, ramp end, burst or sine peak. edw up: 20 by default.")
  Double rate;

  @Option(
      names = "--base",
      description =
          "Messages/s outside a step or burst, a ramp's start, a sine's trough. Default: 0.")
  Double base;

  @Option(
      names = "--at",
      description = "Seconds: when the step, ramp or first burst starts. Default: per profile.")
  Double at;

  @Option(
      names = "--length",
      description = "Seconds: a burst's or ramp's length. Default: per profile.")
  Double length;

  @Option(
      names = "--period",
      description = "Seconds: a sine's period, a burst's repeat interval. Default: per profile.")
  Double period;

  /** Whether a load profile was asked for ({@code --profile} or {@code --rate}). */
  boolean given() {
    return profile != null || rate != null;
  }

  /**
   * The profile: the kind's defaults ({@code constant} when no {@code --profile}) under the flags
   * given.
   *
   * @param defaultRate the rate without {@code --rate}; null when {@code --rate} is required
   */
  LoadProfile profile(Double defaultRate) {
    Double r = rate != null ? rate : defaultRate;
    if (r == null) {
      throw new IllegalArgumentException("the load profile needs --rate");
    }
    LoadProfile.Kind kind =
        profile == null ? LoadProfile.Kind.CONSTANT : LoadProfile.Kind.parse(profile);
    LoadProfile d = LoadProfile.of(kind, r);
    return new LoadProfile(
        d.kind(),
        d.rate(),
        base == null ? d.base() : base,
        at == null ? d.at() : at,
        length == null ? d.length() : length,
        period == null ? d.period() : period);
  }
}
