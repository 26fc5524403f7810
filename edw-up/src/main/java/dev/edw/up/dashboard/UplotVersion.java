package dev.edw.up.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of the uPlot WebJar on the class path, from its Maven properties. */
final class UplotVersion {
  private static final String POM = "META-INF/maven/org.webjars.npm/uplot/pom.properties";

  private UplotVersion() {}

  static String find() {
    try (InputStream in = UplotVersion.class.getClassLoader().getResourceAsStream(POM)) {
      if (in == null) {
        throw new IllegalStateException("the uPlot WebJar is not on the class path");
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
