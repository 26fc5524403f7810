package dev.edw.api.queue;

/** Sizes of message bodies as services count them: UTF-8 bytes. */
public final class MessageSize {
  private MessageSize() {}

  /** The number of bytes {@code text} takes in UTF-8, without encoding it. */
  public static int utf8Bytes(CharSequence text) {
    int bytes = 0;
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < n
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }

  /** Fails with {@link MessageTooLargeException} when a body is over {@code limit} bytes. */
  public static void check(String queue, String body, int limit) {
    int bytes = utf8Bytes(body);
    if (bytes > limit) {
      throw new MessageTooLargeException(queue, bytes, limit);
    }
  }
}
