package dev.edw.workloads.image;

import dev.edw.api.blob.BlobStore;
import dev.edw.api.processor.PoisonMessageException;
import dev.edw.api.processor.ProcessResult;
import dev.edw.api.processor.Processor;
import dev.edw.api.queue.ReceivedMessage;
import dev.edw.api.table.Entity;
import dev.edw.workloads.BlobMessage;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Resizes one PNG or JPEG blob with javax.imageio and writes it, in the same format, as {@code
 * processed_NAME}. Thread-safe: every call uses its own reader and writer, and no ImageIO disk
 * cache.
 */
final class ResizeImageProcessor implements Processor {
  static final String ROW_KEY = "resize";

  private final BlobStore blobs;
  private final ResizeOptions options;

  ResizeImageProcessor(BlobStore blobs, ResizeOptions options) {
    this.blobs = blobs;
    this.options = options;
  }

  @Override
  public ProcessResult process(ReceivedMessage message) throws Exception {
    String input = BlobMessage.blobName(message.body());
    Decoded decoded;
    try (SourceStream in = new SourceStream(blobs.open(input))) {
      decoded = decode(input, in, options.maxPixels());
    }
    int[] size = options.targetSize(decoded.image().getWidth(), decoded.image().getHeight());
    boolean jpeg = decoded.format().equals("jpeg");
    BufferedImage resized =
        resize(
            decoded.image(), size[0], size[1], !jpeg && decoded.image().getColorModel().hasAlpha());
    String output = BlobMessage.prefixLastSegment(input, options.prefix());
    blobs.put(output, encode(resized, decoded.format()));
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("width", size[0]);
    properties.put("height", size[1]);
    properties.put("output", output);
    properties.put("format", decoded.format());
    properties.put("sourceWidth", decoded.image().getWidth());
    properties.put("sourceHeight", decoded.image().getHeight());
    return ProcessResult.of(new Entity(input, ROW_KEY, properties));
  }

  private record Decoded(BufferedImage image, String format) {}

  /**
   * Decodes the image. Content it cannot use is refused with a {@link PoisonMessageException}
   * (retrying cannot change the bytes), unless reading the store failed meanwhile: then that
   * failure is thrown instead, so a lost connection is not blamed on the image.
   */
  private static Decoded decode(String name, SourceStream in, long maxPixels) throws IOException {
    try (ImageInputStream images = new MemoryCacheImageInputStream(in)) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(images);
      if (!readers.hasNext()) {
        throw in.blameTheStoreOr(
            new PoisonMessageException(
                "'" + name + "' is not an image resize-image can read: expected PNG or JPEG"));
      }
      ImageReader reader = readers.next();
      String format = normalize(reader.getFormatName());
      if (format == null) {
        reader.dispose();
        throw in.blameTheStoreOr(
            new PoisonMessageException(
                "'"
                    + name
                    + "' is a "
                    + reader.getFormatName()
                    + " image; resize-image handles PNG and JPEG only"));
      }
      try {
        reader.setInput(images, true, true);
        checkDeclaredSize(name, reader.getWidth(0), reader.getHeight(0), maxPixels);
        return new Decoded(reader.read(0), format);
      } catch (PoisonMessageException e) {
        throw e;
      } catch (IOException | RuntimeException e) {
        throw in.blameTheStoreOr(
            new PoisonMessageException(
                "'"
                    + name
                    + "' looks like "
                    + format.toUpperCase(Locale.ROOT)
                    + " but cannot be decoded (corrupt or truncated): "
                    + e.getMessage(),
                e));
      } finally {
        reader.dispose();
      }
    }
  }

  /**
   * Refuses an image whose header declares more than {@code maxPixels} pixels, before a single
   * pixel is decoded: a decompression bomb (a few kilobytes declaring, say, 100,000 x 100,000)
   * would otherwise take the consumer's whole heap.
   */
  private static void checkDeclaredSize(String name, int width, int height, long maxPixels) {
    long pixels = (long) width * height;
    if (pixels > maxPixels) {
      throw new PoisonMessageException(
          "'"
              + name
              + "' declares "
              + width
              + " x "
              + height
              + " = "
              + pixels
              + " pixels, over the limit of "
              + maxPixels
              + " (option maxPixels): not decoded, as it could exhaust memory (a decompression"
              + " bomb?)");
    }
  }

  private static String normalize(String formatName) {
    return switch (formatName.toLowerCase(Locale.ROOT)) {
      case "png" -> "png";
      case "jpeg", "jpg" -> "jpeg";
      default -> null;
    };
  }

  /**
   * Scales in halving steps while the image is over twice the target, then once more with bicubic
   * interpolation, so that a large image shrinks without aliasing.
   */
  static BufferedImage resize(BufferedImage source, int width, int height, boolean alpha) {
    BufferedImage current = source;
    int w = source.getWidth();
    int h = source.getHeight();
    while (w / 2 >= width && h / 2 >= height) {
      w /= 2;
      h /= 2;
      current = draw(current, w, h, alpha);
    }
    return draw(current, width, height, alpha);
  }

  private static BufferedImage draw(BufferedImage source, int width, int height, boolean alpha) {
    BufferedImage target =
        new BufferedImage(
            width, height, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
    Graphics2D g = target.createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.drawImage(source, 0, 0, width, height, null);
    } finally {
      g.dispose();
    }
    return target;
  }

  private byte[] encode(BufferedImage image, String format) throws IOException {
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName(format);
    if (!writers.hasNext()) {
      throw new IllegalStateException("this JDK has no " + format + " writer");
    }
    ImageWriter writer = writers.next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      if (format.equals("jpeg")) {
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(options.jpegQuality());
      }
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }
}
