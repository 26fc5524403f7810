package dev.edw.scaling.load;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A producer's arrival rate over time, in messages per second.
 *
 * <ul>
 *   <li>{@code constant}: {@code rate} for ever.
 *   <li>{@code step}: {@code base} until {@code at}, then {@code rate}.
 *   <li>{@code ramp}: {@code base} until {@code at}, then a straight line up to {@code rate} over
 *       {@code length} seconds, then {@code rate}.
 *   <li>{@code burst}: {@code rate} during [{@code at}, {@code at + length}), {@code base}
 *       otherwise; repeats every {@code period} seconds when {@code period > 0}.
 *   <li>{@code sine}: between {@code base} and {@code rate}, starting at the midpoint, with period
 *       {@code period}.
 * </ul>
 *
 * @param kind constant, step, ramp, burst or sine
 * @param rate messages/s: the level, the step's top, the ramp's end, the burst's or sine's peak
 * @param base messages/s outside the step/burst, the ramp's start, the sine's trough
 * @param at seconds: when the step, ramp or (first) burst starts
 * @param length seconds: the burst's or ramp's length
 * @param period seconds: the sine's period; a burst's repeat interval (0 = once)
 */
public record LoadProfile(
    Kind kind, double rate, double base, double at, double length, double period) {
  public static final double DEFAULT_BASE = 0;
  public static final double DEFAULT_STEP_AT = 60;
  public static final double DEFAULT_BURST_AT = 0;
  public static final double DEFAULT_BURST_LENGTH = 30;
  public static final double DEFAULT_RAMP_LENGTH = 300;
  public static final double DEFAULT_SINE_PERIOD = 300;

  /** The shapes. */
  public enum Kind {
    CONSTANT,
    STEP,
    RAMP,
    BURST,
    SINE;

    /** Parses {@code constant}, {@code step}, ... (case-insensitive). */
    public static Kind parse(String s) {
      try {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "unknown load profile '" + s + "': use constant, step, ramp, burst or sine");
      }
    }
  }

  public LoadProfile {
    if (!(rate >= 0) || !(base >= 0) || !(at >= 0) || !(length >= 0) || !(period >= 0)) {
      throw new IllegalArgumentException("load profile numbers must be >= 0");
    }
    if (kind == Kind.SINE && period == 0) {
      throw new IllegalArgumentException("a sine profile needs a period > 0");
    }
  }

  /** A profile of this kind at this rate, every other number at its default for the kind. */
  public static LoadProfile of(Kind kind, double rate) {
    return switch (kind) {
      case CONSTANT -> new LoadProfile(kind, rate, DEFAULT_BASE, 0, 0, 0);
      case STEP -> new LoadProfile(kind, rate, DEFAULT_BASE, DEFAULT_STEP_AT, 0, 0);
      case RAMP -> new LoadProfile(kind, rate, DEFAULT_BASE, 0, DEFAULT_RAMP_LENGTH, 0);
      case BURST ->
          new LoadProfile(kind, rate, DEFAULT_BASE, DEFAULT_BURST_AT, DEFAULT_BURST_LENGTH, 0);
      case SINE -> new LoadProfile(kind, rate, DEFAULT_BASE, 0, 0, DEFAULT_SINE_PERIOD);
    };
  }

  /**
   * Parses flags such as {@code --profile burst --rate 200 --length 60}. Known flags: {@code
   * --profile}, {@code --rate}, {@code --base}, {@code --at}, {@code --length}, {@code --period};
   * each also as {@code --flag=value}. Unknown flags are an error.
   */
  public static LoadProfile parse(String spec) {
    Map<String, String> flags = new LinkedHashMap<>();
    String[] words = spec.trim().split("\\s+");
    for (int i = 0; i < words.length; i++) {
      String w = words[i];
      if (w.isEmpty()) {
        continue;
      }
      if (!w.startsWith("--")) {
        throw new IllegalArgumentException(
            "expected a --flag in the load profile, got '" + w + "'");
      }
      String key = w.substring(2);
      String value;
      int eq = key.indexOf('=');
      if (eq >= 0) {
        value = key.substring(eq + 1);
        key = key.substring(0, eq);
      } else if (i + 1 < words.length) {
        value = words[++i];
      } else {
        throw new IllegalArgumentException("--" + key + " needs a value");
      }
      flags.put(key, value);
    }
    Kind kind = Kind.parse(flags.getOrDefault("profile", "constant"));
    LoadProfile d = of(kind, number(flags, "rate", Double.NaN));
    LoadProfile p =
        new LoadProfile(
            kind,
            d.rate,
            number(flags, "base", d.base),
            number(flags, "at", d.at),
            number(flags, "length", d.length),
            number(flags, "period", d.period));
    flags
        .keySet()
        .removeAll(java.util.List.of("profile", "rate", "base", "at", "length", "period"));
    if (!flags.isEmpty()) {
      throw new IllegalArgumentException("unknown load profile flags: " + flags.keySet());
    }
    return p;
  }

  private static double number(Map<String, String> flags, String key, double fallback) {
    String v = flags.get(key);
    if (v == null) {
      if (Double.isNaN(fallback)) {
        throw new IllegalArgumentException("the load profile needs --" + key);
      }
      return fallback;
    }
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + key + " must be a number, got '" + v + "'");
    }
  }

  /** Messages per second at this many seconds after the start. */
  public double rateAt(double seconds) {
    double t = Math.max(seconds, 0);
    return switch (kind) {
      case CONSTANT -> rate;
      case STEP -> t < at ? base : rate;
      case RAMP -> {
        if (t < at) {
          yield base;
        }
        if (length == 0 || t >= at + length) {
          yield rate;
        }
        yield base + (rate - base) * (t - at) / length;
      }
      case BURST -> {
        if (t < at) {
          yield base;
        }
        double into = period > 0 ? (t - at) % period : t - at;
        yield into < length ? rate : base;
      }
      case SINE -> base + (rate - base) * (1 + Math.sin(2 * Math.PI * t / period)) / 2;
    };
  }

  /** The most messages per second the profile ever asks for. */
  public double peakRate() {
    return Math.max(rate, base);
  }

  /**
   * Messages that arrive in [{@code from}, {@code to}), integrated in steps of at most 10 ms (exact
   * for constant, step and burst edges on whole 10 ms).
   */
  public double messagesBetween(double from, double to) {
    if (to <= from) {
      return 0;
    }
    // Split at the profile's edges, where the rate jumps or bends: on each piece the rate is
    // constant or linear (sine aside), so the midpoint rule below is exact there. Without the
    // split, a piece straddling a burst's end lost up to rate x 10 ms of messages.
    double sum = 0;
    double a = from;
    for (double edge : edgesBetween(from, to)) {
      sum += midpoint(a, edge);
      a = edge;
    }
    return sum + midpoint(a, to);
  }

  private double midpoint(double from, double to) {
    if (to <= from) {
      return 0;
    }
    int steps = (int) Math.max(1, Math.ceil((to - from) / 0.01));
    double h = (to - from) / steps;
    double sum = 0;
    for (int i = 0; i < steps; i++) {
      sum += rateAt(from + (i + 0.5) * h) * h;
    }
    return sum;
  }

  /** The points strictly inside (from, to) where the rate jumps or its slope changes, in order. */
  private List<Double> edgesBetween(double from, double to) {
    java.util.TreeSet<Double> edges = new java.util.TreeSet<>();
    switch (kind) {
      case STEP -> edges.add(at);
      case RAMP -> {
        edges.add(at);
        edges.add(at + length);
      }
      case BURST -> {
        if (period > 0) {
          long first = (long) Math.max(0, Math.floor((from - at) / period));
          for (long k = first; at + k * period < to; k++) {
            edges.add(at + k * period);
            edges.add(at + k * period + length);
          }
        } else {
          edges.add(at);
          edges.add(at + length);
        }
      }
      default -> {}
    }
    return List.copyOf(edges.subSet(from, false, to, false));
  }

  /** The flags that give this profile back to {@link #parse}. */
  public String toFlags() {
    return String.format(
        Locale.ROOT,
        "--profile %s --rate %s --base %s --at %s --length %s --period %s",
        kind.name().toLowerCase(Locale.ROOT),
        fmt(rate),
        fmt(base),
        fmt(at),
        fmt(length),
        fmt(period));
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }
}
