package dev.edw.azure;

import com.azure.storage.queue.QueueMessageEncoding;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Message text on the wire: as sent ({@code none}) or base64 of its UTF-8 bytes ({@code base64}, as
 * Azure Functions expects). Done here rather than by the SDK so that one message that is not base64
 * on a base64 queue cannot make every receive fail: it is delivered as the text it is, and the
 * processor's failure sends it the usual way to the poison queue.
 */
record MessageCodec(QueueMessageEncoding encoding) {

  boolean base64() {
    return encoding == QueueMessageEncoding.BASE64;
  }

  String encode(String body) {
    return base64()
        ? Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8))
        : body;
  }

  String decode(String wire) {
    if (!base64()) {
      return wire;
    }
    try {
      byte[] bytes = Base64.getDecoder().decode(wire.strip());
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (IllegalArgumentException | CharacterCodingException e) {
      return wire;
    }
  }
}
