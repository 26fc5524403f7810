package dev.edw.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version and git commit of this build, from {@code edw-build.properties}, which the build
 * writes into the jar.
 */
record BuildInfo(String version, String commit) {
  static final String UNKNOWN = "unknown";

  static BuildInfo load() {
    Properties build = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream("/edw-build.properties")) {
      if (in != null) {
        build.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new BuildInfo(value(build, "version"), value(build, "commit"));
  }

  private static String value(Properties build, String key) {
    String v = build.getProperty(key, "").strip();
    return v.isEmpty() || v.startsWith("${") ? UNKNOWN : v;
  }
}
