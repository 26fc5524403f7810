package dev.edw.workloads.image;

import dev.edw.api.InvalidInputException;
import dev.edw.api.processor.ProcessorContext;

/**
 * Settings of {@code resize-image}, from {@code --processor-option key=value}.
 *
 * @param width target width in pixels ({@code width}, default {@value #DEFAULT_WIDTH})
 * @param height target height in pixels ({@code height}, default {@value #DEFAULT_HEIGHT})
 * @param keepAspect {@code keepAspect=true} fits the image inside width x height keeping its
 *     proportions; false (the default) stretches it to exactly width x height
 * @param prefix put before the last segment of the input name ({@code prefix}, default {@value
 *     #DEFAULT_PREFIX})
 * @param jpegQuality JPEG quality 0 to 1 ({@code jpegQuality}, default {@value
 *     #DEFAULT_JPEG_QUALITY})
 * @param maxPixels the largest image, in declared width x height, that is decoded at all ({@code
 *     maxPixels}, default {@value #DEFAULT_MAX_PIXELS}, about 160 MB as 32-bit pixels); a larger
 *     one (a decompression bomb: a small file declaring a huge size) is poisoned before decoding
 */
record ResizeOptions(
    int width, int height, boolean keepAspect, String prefix, float jpegQuality, long maxPixels) {
  static final int DEFAULT_WIDTH = 256;
  static final int DEFAULT_HEIGHT = 256;
  static final boolean DEFAULT_KEEP_ASPECT = false;
  static final String DEFAULT_PREFIX = "processed_";
  static final float DEFAULT_JPEG_QUALITY = 0.9f;
  static final int MAX_SIDE = 16_384;
  static final long DEFAULT_MAX_PIXELS = 40_000_000L;

  ResizeOptions {
    if (width < 1 || width > MAX_SIDE || height < 1 || height > MAX_SIDE) {
      throw new InvalidInputException(
          ResizeImageFactory.NAME + ": width and height must be 1 to " + MAX_SIDE + " pixels");
    }
    if (prefix.isEmpty() || prefix.contains("/")) {
      throw new InvalidInputException(
          ResizeImageFactory.NAME + ": prefix must be non-empty and without '/'");
    }
    if (!(jpegQuality > 0 && jpegQuality <= 1)) {
      throw new InvalidInputException(
          ResizeImageFactory.NAME + ": jpegQuality must be above 0 and at most 1");
    }
    if (maxPixels < 1) {
      throw new InvalidInputException(ResizeImageFactory.NAME + ": maxPixels must be at least 1");
    }
  }

  /** The option names, with a line each, for {@code ResizeImageFactory.options()}. */
  static final java.util.Map<String, String> DESCRIPTIONS =
      java.util.Map.of(
          "width", "target width in pixels (default " + DEFAULT_WIDTH + ")",
          "height", "target height in pixels (default " + DEFAULT_HEIGHT + ")",
          "keepAspect", "true fits inside width x height keeping proportions (default false)",
          "prefix", "put before the output name (default " + DEFAULT_PREFIX + ")",
          "jpegQuality", "JPEG quality above 0, at most 1 (default " + DEFAULT_JPEG_QUALITY + ")",
          "maxPixels",
              "largest declared width x height decoded at all (default "
                  + DEFAULT_MAX_PIXELS
                  + ")");

  static ResizeOptions from(ProcessorContext context) {
    return new ResizeOptions(
        integer(context, "width", DEFAULT_WIDTH),
        integer(context, "height", DEFAULT_HEIGHT),
        bool(context, "keepAspect", DEFAULT_KEEP_ASPECT),
        context.option("prefix", DEFAULT_PREFIX),
        quality(context),
        integer(context, "maxPixels", DEFAULT_MAX_PIXELS));
  }

  private static int integer(ProcessorContext context, String key, int fallback) {
    return Math.toIntExact(integer(context, key, (long) fallback));
  }

  private static long integer(ProcessorContext context, String key, long fallback) {
    String text = context.option(key, Long.toString(fallback));
    try {
      return Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      throw new InvalidInputException(
          ResizeImageFactory.NAME
              + ": option "
              + key
              + " must be a whole number, not '"
              + text
              + "'");
    }
  }

  private static boolean bool(ProcessorContext context, String key, boolean fallback) {
    String text = context.option(key, Boolean.toString(fallback)).strip();
    if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(text);
    }
    throw new InvalidInputException(
        ResizeImageFactory.NAME + ": option " + key + " must be true or false, not '" + text + "'");
  }

  private static float quality(ProcessorContext context) {
    String text = context.option("jpegQuality", Float.toString(DEFAULT_JPEG_QUALITY));
    try {
      return Float.parseFloat(text.strip());
    } catch (NumberFormatException e) {
      throw new InvalidInputException(
          ResizeImageFactory.NAME + ": option jpegQuality must be a number, not '" + text + "'");
    }
  }

  /** The output size for a source image of {@code sourceWidth} x {@code sourceHeight}. */
  int[] targetSize(int sourceWidth, int sourceHeight) {
    if (!keepAspect) {
      return new int[] {width, height};
    }
    double scale = Math.min(width / (double) sourceWidth, height / (double) sourceHeight);
    return new int[] {
      Math.max(1, (int) Math.round(sourceWidth * scale)),
      Math.max(1, (int) Math.round(sourceHeight * scale))
    };
  }
}
