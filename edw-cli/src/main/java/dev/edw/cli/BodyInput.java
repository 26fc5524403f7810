package dev.edw.cli;

import dev.edw.api.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A message body given on the command line, as TEXT or with {@code --file PATH} ({@code -} for
 * standard input). Bytes that are not valid UTF-8 are refused with a clear error, never replaced.
 */
final class BodyInput {
  /** What the JVM puts in place of argument bytes it could not decode. */
  private static final char REPLACEMENT = '\uFFFD';

  private BodyInput() {}

  /** The body of TEXT, refused when the JVM had to replace bytes of it. */
  static String fromText(String text) {
    int bad = text.indexOf(REPLACEMENT);
    if (bad >= 0) {
      throw new InvalidInputException(
          "TEXT is not valid text (character "
              + (bad + 1)
              + " could not be decoded as "
              + System.getProperty("sun.jnu.encoding", "the platform encoding")
              + "): send it with --file PATH, or run in a UTF-8 locale (e.g. LANG=C.UTF-8)");
    }
    return text;
  }

  /** The body read from {@code file}, or from standard input for {@code -}. */
  static String fromFile(String file, InputStream stdin) {
    byte[] bytes;
    String what = file.equals("-") ? "standard input" : "--file " + file;
    try {
      bytes = file.equals("-") ? stdin.readAllBytes() : Files.readAllBytes(Path.of(file));
    } catch (NoSuchFileException e) {
      throw new InvalidInputException("cannot read " + what + ": no such file");
    } catch (AccessDeniedException e) {
      throw new InvalidInputException("cannot read " + what + ": permission denied");
    } catch (IOException | java.nio.file.InvalidPathException e) {
      throw new InvalidInputException(
          "cannot read "
              + what
              + ": "
              + (Files.isDirectory(Path.of(file)) ? "it is a directory" : e.getMessage()));
    }
    return decode(bytes, what);
  }

  static String decode(byte[] bytes, String what) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (MalformedInputException e) {
      throw new InvalidInputException(
          what + " is not UTF-8 text (bad byte at offset " + offset(bytes) + "); nothing was sent");
    } catch (CharacterCodingException e) {
      throw new InvalidInputException(what + " is not UTF-8 text; nothing was sent");
    }
  }

  /** The offset of the first byte that does not decode. */
  private static int offset(byte[] bytes) {
    var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    var out = java.nio.CharBuffer.allocate(bytes.length + 1);
    decoder.decode(in, out, true);
    return in.position();
  }
}
