package dev.edw.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One Lua script of the queue: the shared prelude ({@code common.lua}) followed by the script's own
 * text. Run with EVALSHA; when the server does not know the script (first use, a restart, SCRIPT
 * FLUSH) it is loaded and the call is made again.
 */
final class LuaScript {
  private static final String PRELUDE = resource("common.lua");

  private final String name;
  private final String text;
  private final String sha;

  private LuaScript(String name, String text) {
    this.name = name;
    this.text = text;
    this.sha = sha1(text);
  }

  /** The script in resource {@code NAME.lua}, after the prelude. */
  static LuaScript load(String name) {
    return new LuaScript(name, PRELUDE + "\n" + resource(name + ".lua"));
  }

  String name() {
    return name;
  }

  <T> T run(
      RedisCommands<String, String> commands,
      ScriptOutputType type,
      String[] keys,
      String... args) {
    try {
      return commands.evalsha(sha, type, keys, args);
    } catch (RedisNoScriptException e) {
      commands.scriptLoad(text);
      return commands.evalsha(sha, type, keys, args);
    }
  }

  private static String resource(String file) {
    try (InputStream in = LuaScript.class.getResourceAsStream(file)) {
      if (in == null) {
        throw new IllegalStateException("missing script resource " + file);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha1(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-1");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is part of every JDK", e);
    }
  }
}
