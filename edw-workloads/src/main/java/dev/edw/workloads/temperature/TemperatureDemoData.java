package dev.edw.workloads.temperature;

import dev.edw.api.blob.BlobStore;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Writes demo input for {@code aggregate-temperature}: files {@code temperature1.csv}, {@code
 * temperature2.csv}, ... of 1-minute readings ({@code Datetime,Temperature}), each a location with
 * its own mean and daily swing (a sinusoid peaking mid-afternoon), slow weather drift and noise.
 * Each file misses a few whole hours and holds a few bad rows (a reading of {@code n/a}, a
 * truncated line), so that a run shows gaps and bad-row counts. The same options always give the
 * same bytes. Files are streamed into the store, never held whole in memory.
 */
public final class TemperatureDemoData {
  private static final int MINUTES_PER_DAY = 24 * 60;

  /**
   * What to generate.
   *
   * @param files how many files, 1 to {@value #MAX_FILES}
   * @param days days of readings per file, 1 to {@value #MAX_DAYS}
   * @param seed the random seed; the same seed gives the same files
   * @param start the first day; readings start at its midnight
   */
  public record Options(int files, int days, long seed, LocalDate start) {
    public static final int DEFAULT_FILES = 6;
    public static final int DEFAULT_DAYS = 7;
    public static final long DEFAULT_SEED = 42;
    public static final LocalDate DEFAULT_START = LocalDate.of(2026, 1, 1);
    public static final int MAX_FILES = 1_000;
    public static final int MAX_DAYS = 366;

    public Options {
      Objects.requireNonNull(start, "'start' cannot be null.");
      if (files < 1 || files > MAX_FILES) {
        throw new IllegalArgumentException("'files' must be 1 to " + MAX_FILES + ", not " + files);
      }
      if (days < 1 || days > MAX_DAYS) {
        throw new IllegalArgumentException("'days' must be 1 to " + MAX_DAYS + ", not " + days);
      }
    }

    /** Six files of a week each from 2026-01-01, seed 42. */
    public static Options defaults() {
      return new Options(DEFAULT_FILES, DEFAULT_DAYS, DEFAULT_SEED, DEFAULT_START);
    }
  }

  private final Options options;

  public TemperatureDemoData(Options options) {
    this.options = Objects.requireNonNull(options, "'options' cannot be null.");
  }

  /** The blob name of file {@code number} (1-based): {@code temperature<number>.csv}. */
  public static String fileName(int number) {
    return "temperature" + number + ".csv";
  }

  /** Writes every file into {@code blobs} and returns their names in order. */
  public List<String> write(BlobStore blobs) {
    List<String> names = new ArrayList<>(options.files());
    for (int number = 1; number <= options.files(); number++) {
      try (InputStream content = open(number)) {
        blobs.put(fileName(number), content, -1);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      names.add(fileName(number));
    }
    return names;
  }

  /** The content of file {@code number} (1-based) as a stream, generated as it is read. */
  public InputStream open(int number) {
    if (number < 1 || number > options.files()) {
      throw new IllegalArgumentException("file number must be 1 to " + options.files());
    }
    return new LineStream(new Location(options, number));
  }

  /** One file's rows, generated one at a time. */
  private static final class Location {
    private final SplittableRandom random;
    private final LocalDateTime start;
    private final int minutes;
    private final double mean;
    private final double swing;
    private final Set<Integer> missingHours = new HashSet<>();
    private final Map<Integer, Boolean> badRows = new HashMap<>();
    private double drift;
    private int minute = -1;
    private boolean headerDone;

    Location(Options options, int number) {
      this.random = new SplittableRandom(options.seed() * 1_000_003L + number);
      this.start = options.start().atStartOfDay();
      this.minutes = options.days() * MINUTES_PER_DAY;
      this.mean = 4 + random.nextDouble() * 14;
      this.swing = 2.5 + random.nextDouble() * 4;
      int hours = minutes / 60;
      int gaps = hours > 4 ? 1 + random.nextInt(3) : 0;
      while (missingHours.size() < gaps) {
        missingHours.add(1 + random.nextInt(hours - 2));
      }
      int bad = 2 + random.nextInt(3);
      for (int i = 0; i < bad; i++) {
        badRows.put(random.nextInt(minutes), i % 2 == 0);
      }
    }

    /** The next line, with its newline, or null at the end. */
    String next() {
      if (!headerDone) {
        headerDone = true;
        return "Datetime,Temperature\n";
      }
      while (minute + 1 < minutes) {
        Boolean bad = badRows.remove(minute + 1);
        if (bad != null) {
          String time = TemperatureAggregation.DATETIME.format(start.plusMinutes(minute + 1));
          // a reading that is not a number, or a line cut short
          return bad ? time + ",n/a\n" : time.substring(0, 13) + "\n";
        }
        minute++;
        // weather: a slow random walk pulled back to the location's mean (about 1 degree apart)
        drift = 0.999 * drift + random.nextGaussian() * 0.05;
        if (missingHours.contains(minute / 60)) {
          continue;
        }
        double dayFraction = (minute % MINUTES_PER_DAY) / (double) MINUTES_PER_DAY;
        double value =
            mean
                + drift
                + swing * Math.sin(2 * Math.PI * (dayFraction - 0.375))
                + random.nextGaussian() * 0.2;
        String time = TemperatureAggregation.DATETIME.format(start.plusMinutes(minute));
        return time + "," + Math.round(value * 10) / 10.0 + "\n";
      }
      return null;
    }
  }

  /** Bytes of a {@link Location}'s lines, produced on demand. */
  private static final class LineStream extends InputStream {
    private final Location location;
    private byte[] line = new byte[0];
    private int position;
    private boolean ended;

    LineStream(Location location) {
      this.location = location;
    }

    private boolean fill() {
      while (position >= line.length) {
        if (ended) {
          return false;
        }
        String next = location.next();
        if (next == null) {
          ended = true;
          return false;
        }
        line = next.getBytes(StandardCharsets.US_ASCII);
        position = 0;
      }
      return true;
    }

    @Override
    public int read() {
      return fill() ? line[position++] & 0xff : -1;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      Objects.checkFromIndexSize(offset, length, buffer.length);
      if (length == 0) {
        return 0;
      }
      int copied = 0;
      while (copied < length && fill()) {
        int n = Math.min(length - copied, line.length - position);
        System.arraycopy(line, position, buffer, offset + copied, n);
        position += n;
        copied += n;
      }
      return copied == 0 ? -1 : copied;
    }
  }
}
