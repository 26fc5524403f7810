package dev.edw.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;

/**
 * A PNG decompression bomb for tests: a valid header declaring {@code width x height} 8-bit grey
 * pixels, and an IDAT of a few megabytes of zeros deflated to a few kilobytes.
 */
public final class PngBomb {
  private PngBomb() {}

  /** The bytes of a bomb declaring {@code width x height} pixels (a few kilobytes in all). */
  public static byte[] of(int width, int height) {
    try {
      ByteArrayOutputStream png = new ByteArrayOutputStream();
      png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
      ByteBuffer ihdr = ByteBuffer.allocate(13);
      ihdr.putInt(width).putInt(height).put((byte) 8).put((byte) 0).put((byte) 0);
      ihdr.put((byte) 0).put((byte) 0);
      chunk(png, "IHDR", ihdr.array());
      ByteArrayOutputStream idat = new ByteArrayOutputStream();
      try (DeflaterOutputStream deflate = new DeflaterOutputStream(idat)) {
        deflate.write(new byte[4 * 1024 * 1024]);
      }
      chunk(png, "IDAT", idat.toByteArray());
      chunk(png, "IEND", new byte[0]);
      return png.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data)
      throws IOException {
    ByteBuffer header = ByteBuffer.allocate(8);
    header.putInt(data.length).put(type.getBytes(StandardCharsets.US_ASCII));
    out.write(header.array());
    out.write(data);
    CRC32 crc = new CRC32();
    crc.update(header.array(), 4, 4);
    crc.update(data);
    out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }
}
