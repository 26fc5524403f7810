package dev.edw.workloads.image;

import static dev.edw.workloads.Messages.context;
import static dev.edw.workloads.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edw.api.BackendUnavailableException;
import dev.edw.api.InvalidInputException;
import dev.edw.api.ResourceNotFoundException;
import dev.edw.api.processor.PoisonMessageException;
import dev.edw.api.processor.Processor;
import dev.edw.api.table.Entity;
import dev.edw.testkit.PngBomb;
import dev.edw.workloads.MemoryBlobStore;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;

class ResizeImageTest {
  private final MemoryBlobStore blobs = new MemoryBlobStore();

  private Processor processor(Map<String, String> options) {
    return new ResizeImageFactory().create(context(blobs, options));
  }

  private static byte[] image(int width, int height, String format) throws IOException {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.ORANGE);
    g.fillRect(0, 0, width, height);
    g.setColor(Color.BLUE);
    g.fillOval(width / 4, height / 4, width / 2, height / 2);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(ImageIO.write(image, format, out)).isTrue();
    return out.toByteArray();
  }

  /** The format name and size of encoded image bytes. */
  private record Decoded(String format, int width, int height) {
    static Decoded of(byte[] bytes) throws IOException {
      try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        ImageReader reader = readers.next();
        reader.setInput(in);
        BufferedImage image = reader.read(0);
        return new Decoded(
            reader.getFormatName().toLowerCase(java.util.Locale.ROOT),
            image.getWidth(),
            image.getHeight());
      }
    }
  }

  @Test
  void png_is_resized_to_256_by_256_by_default_and_stays_png() throws Exception {
    blobs.put("photos/cat.png", image(640, 480, "png"));

    Entity entity = processor(Map.of()).process(message("photos/cat.png")).entities().get(0);

    assertThat(Decoded.of(blobs.bytes("photos/processed_cat.png")))
        .isEqualTo(new Decoded("png", 256, 256));
    assertThat(entity.partitionKey()).isEqualTo("photos/cat.png");
    assertThat(entity.rowKey()).isEqualTo("resize");
    assertThat(entity.properties())
        .containsEntry("width", 256L)
        .containsEntry("height", 256L)
        .containsEntry("output", "photos/processed_cat.png");
  }

  @Test
  void jpeg_with_keep_aspect_fits_inside_the_box_and_stays_jpeg() throws Exception {
    blobs.put("wide.jpg", image(600, 300, "jpeg"));

    Entity entity =
        processor(Map.of("keepAspect", "true")).process(message("wide.jpg")).entities().get(0);

    assertThat(Decoded.of(blobs.bytes("processed_wide.jpg")))
        .isEqualTo(new Decoded("jpeg", 256, 128));
    assertThat(entity.properties()).containsEntry("width", 256L).containsEntry("height", 128L);
  }

  @Test
  void width_and_height_options_set_an_exact_size() throws Exception {
    blobs.put("big.png", image(1200, 900, "png"));

    processor(Map.of("width", "100", "height", "50")).process(message("big.png"));

    assertThat(Decoded.of(blobs.bytes("processed_big.png"))).isEqualTo(new Decoded("png", 100, 50));
  }

  @Test
  void bytes_that_are_no_image_fail_with_a_clear_reason() {
    blobs.put("broken.png", "this is not an image".getBytes());

    assertThatThrownBy(() -> processor(Map.of()).process(message("broken.png")))
        .isInstanceOf(PoisonMessageException.class)
        .hasMessageContaining("broken.png")
        .hasMessageContaining("PNG or JPEG");
  }

  @Test
  void a_truncated_png_fails_as_corrupt() throws Exception {
    byte[] png = image(400, 400, "png");
    blobs.put("cut.png", Arrays.copyOf(png, png.length / 2));

    assertThatThrownBy(() -> processor(Map.of()).process(message("cut.png")))
        .isInstanceOf(PoisonMessageException.class)
        .hasMessageContaining("cut.png")
        .hasMessageContaining("corrupt or truncated");
  }

  @Test
  void another_image_format_is_refused_by_name() throws Exception {
    blobs.put("anim.gif", image(50, 50, "gif"));

    assertThatThrownBy(() -> processor(Map.of()).process(message("anim.gif")))
        .isInstanceOf(PoisonMessageException.class)
        .hasMessageContaining("PNG and JPEG only");
  }

  @Test
  void a_missing_blob_fails_so_the_message_is_retried() {
    assertThatThrownBy(() -> processor(Map.of()).process(message("nope.png")))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void bad_options_are_refused_when_the_processor_is_made() {
    assertThatThrownBy(() -> processor(Map.of("keepAspect", "maybe")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("keepAspect");
    assertThatThrownBy(() -> processor(Map.of("width", "0")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("width");
  }

  @Test
  void a_png_decompression_bomb_is_refused_before_decoding_with_a_reason_that_says_so()
      throws Exception {
    byte[] bomb = PngBomb.of(60_000, 60_000);
    assertThat(bomb.length).isLessThan(64 * 1024);
    blobs.put("in/bomb.png", bomb);

    assertThatThrownBy(() -> processor(Map.of()).process(message("in/bomb.png")))
        .isInstanceOf(PoisonMessageException.class)
        .hasMessageContaining("declares 60000 x 60000 = 3600000000 pixels")
        .hasMessageContaining("maxPixels")
        .hasMessageContaining("decompression bomb");
    assertThat(blobs.list("in/processed_")).isEmpty();
  }

  @Test
  void max_pixels_option_lowers_the_limit_and_an_image_within_it_is_resized() throws Exception {
    blobs.put("in/a.png", image(100, 100, "png"));

    assertThatThrownBy(() -> processor(Map.of("maxPixels", "9999")).process(message("in/a.png")))
        .isInstanceOf(PoisonMessageException.class)
        .hasMessageContaining("over the limit of 9999");
    assertThat(processor(Map.of("maxPixels", "10000")).process(message("in/a.png")).entities())
        .hasSize(1);
  }

  @Test
  void a_read_of_the_store_that_fails_midway_is_thrown_as_is_and_not_blamed_on_the_image()
      throws Exception {
    byte[] png = image(400, 400, "png");
    blobs.putStreaming(
        "flaky.png", () -> failingAfter(png, png.length / 3, new IOException("reset")));
    blobs.putStreaming(
        "down.png",
        () ->
            failingAfter(
                png, 20, new BackendUnavailableException("the store is unavailable", null)));

    assertThatThrownBy(() -> processor(Map.of()).process(message("flaky.png")))
        .isNotInstanceOf(PoisonMessageException.class)
        .isInstanceOf(IOException.class)
        .hasMessage("reset");
    assertThatThrownBy(() -> processor(Map.of()).process(message("down.png")))
        .isInstanceOf(BackendUnavailableException.class);
  }

  /** A stream of the first {@code good} bytes of {@code content} that then fails with {@code e}. */
  private static InputStream failingAfter(byte[] content, int good, Exception e) {
    return new InputStream() {
      private int position;

      @Override
      public int read() throws IOException {
        if (position >= good) {
          if (e instanceof IOException io) {
            throw io;
          }
          throw (RuntimeException) e;
        }
        return content[position++] & 0xff;
      }
    };
  }
}
