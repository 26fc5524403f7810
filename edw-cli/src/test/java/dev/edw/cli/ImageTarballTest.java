package dev.edw.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image tarball that Jib builds in every verify (on the local base of scripts/image-base.sh, as
 * no registry is reachable here): its configuration (user, entrypoint, command, environment), its
 * layers and size, and the image's own runtime running its own jars with its own flags under the
 * pod's memory limit (emulated with {@code -XX:MaxRAM=128m}). No container runtime is used.
 */
class ImageTarballTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long MIB = 1024 * 1024;

  /** One file of a layer: its owner, mode and size as the tar entry says. */
  record Entry(String layer, String path, long uid, int mode, long size, boolean link) {}

  private static Path tarball;
  private static JsonNode manifest;
  private static JsonNode config;

  /** Each layer's entries, in the manifest's order (the base first). */
  private static Map<String, List<Entry>> layers;

  /** The layers unpacked in order, as a container's root file system would be. */
  @TempDir static Path root;

  @BeforeAll
  static void unpackTarball() throws IOException {
    String property = System.getProperty("edw.image.tar");
    assertThat(property).as("edw.image.tar (set by the build)").isNotNull();
    tarball = Path.of(property);
    assertThat(tarball).as("the image tarball: run the tests with 'mvn verify'").exists();
    Path blobs = Files.createDirectories(root.resolveSibling(root.getFileName() + "-blobs"));
    try (var in = new TarArchiveInputStream(Files.newInputStream(tarball))) {
      for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        if (e.isFile()) {
          Files.copy(in, blobs.resolve(e.getName().replace('/', '_')));
        }
      }
    }
    manifest = JSON.readTree(blobs.resolve("manifest.json").toFile());
    assertThat(manifest.size()).as("images in the tarball").isEqualTo(1);
    config = JSON.readTree(blobs.resolve(manifest.get(0).path("Config").asText()).toFile());
    layers = new LinkedHashMap<>();
    for (JsonNode layer : manifest.get(0).path("Layers")) {
      layers.put(layer.asText(), unpack(layer.asText(), blobs.resolve(layer.asText())));
    }
  }

  /** Unpacks one layer (files, directories, symbolic links, modes) into the root. */
  private static List<Entry> unpack(String layer, Path blob) throws IOException {
    List<Entry> entries = new ArrayList<>();
    try (var in = new TarArchiveInputStream(layerStream(blob))) {
      for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        String path = normalize(e.getName());
        entries.add(
            new Entry(
                layer, path, e.getLongUserId(), e.getMode(), e.getSize(), e.isSymbolicLink()));
        Path target = root.resolve(path.substring(1)).normalize();
        assertThat(target.startsWith(root)).as(e.getName() + " stays in the root").isTrue();
        if (e.isDirectory()) {
          Files.createDirectories(target);
        } else if (e.isSymbolicLink()) {
          Files.createDirectories(target.getParent());
          Files.deleteIfExists(target);
          Files.createSymbolicLink(target, Path.of(e.getLinkName()));
        } else if (e.isFile()) {
          Files.createDirectories(target.getParent());
          Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
          if ((e.getMode() & 0100) != 0) {
            assertThat(target.toFile().setExecutable(true, false)).isTrue();
          }
        }
      }
    }
    return entries;
  }

  private static InputStream layerStream(Path blob) throws IOException {
    InputStream raw = new BufferedInputStream(Files.newInputStream(blob));
    raw.mark(2);
    boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
    raw.reset();
    return gzip ? new GzipCompressorInputStream(raw) : raw;
  }

  private static String normalize(String name) {
    String n = name.startsWith("./") ? name.substring(1) : name;
    n = n.startsWith("/") ? n : "/" + n;
    return n.endsWith("/") && n.length() > 1 ? n.substring(0, n.length() - 1) : n;
  }

  private static List<String> list(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }

  /** The image's JVM flags, edw.image.jvmFlags in edw-cli/pom.xml (the build passes them). */
  static List<String> imageFlags() {
    String flags = System.getProperty("edw.image.jvmFlags");
    assertThat(flags).as("edw.image.jvmFlags (set by the build)").isNotBlank();
    return Arrays.asList(flags.trim().split("\\s+"));
  }

  private static String file(String path) throws IOException {
    return Files.readString(root.resolve(path.substring(1)));
  }

  @Test
  void the_image_runs_as_the_non_root_user_10001_that_its_passwd_names() throws IOException {
    JsonNode c = config.path("config");
    assertThat(c.path("User").asText()).isEqualTo("10001:10001");
    String passwd = file("/etc/passwd");
    assertThat(passwd.lines()).anyMatch(l -> l.matches("[^:]+:x:10001:10001:.*"));
    assertThat(c.path("WorkingDir").asText()).isEqualTo("/tmp");
    assertThat(c.path("ExposedPorts").has("9400/tcp")).isTrue();
  }

  @Test
  void the_entrypoint_is_java_with_the_pod_sized_flags_and_the_command_defaults_to_help() {
    JsonNode c = config.path("config");
    List<String> entrypoint = list(c.path("Entrypoint"));
    List<String> flags = imageFlags();
    assertThat(entrypoint.get(0)).isEqualTo("java");
    assertThat(entrypoint.subList(1, 1 + flags.size())).isEqualTo(flags);
    assertThat(entrypoint.subList(1 + flags.size(), entrypoint.size()))
        .containsExactly("-cp", "@/app/jib-classpath-file", "dev.edw.cli.Main");
    assertThat(flags)
        .contains(
            "-XX:+UseSerialGC",
            "-XX:MaxRAMPercentage=60",
            "-XX:TieredStopAtLevel=1",
            "-XX:+ExitOnOutOfMemoryError");
    assertThat(list(c.path("Cmd"))).containsExactly("--help");
  }

  @Test
  void the_environment_puts_the_image_runtime_on_the_path() {
    List<String> env = list(config.path("config").path("Env"));
    assertThat(env).contains("JAVA_HOME=/opt/java", "EDW_LOG_LEVEL=INFO");
    assertThat(env).anyMatch(e -> e.startsWith("PATH=/opt/java/bin:"));
    assertThat(layers.values().stream().flatMap(List::stream))
        .anyMatch(e -> e.path().equals("/opt/java/bin/java") && (e.mode() & 0111) != 0);
  }

  @Test
  void the_layers_keep_libraries_apart_from_edw_classes_and_nothing_is_owned_by_the_user() {
    assertThat(list(config.path("rootfs").path("diff_ids"))).hasSameSizeAs(layers.keySet());
    List<List<Entry>> all = List.copyOf(layers.values());
    assertThat(all).hasSizeGreaterThanOrEqualTo(3);
    // the base first, then Jib's: the libraries in layers of their own, edw's classes apart
    assertThat(all.get(0)).anyMatch(e -> e.path().equals("/opt/java/bin/java"));
    int classes = indexOf(all, "/app/classes/dev/edw/cli/Main.class");
    int libraries = indexOf(all, "/app/libs/picocli-");
    assertThat(classes).isNotEqualTo(libraries);
    assertThat(all.get(classes)).noneMatch(e -> e.path().startsWith("/app/libs/"));
    assertThat(all.stream().flatMap(List::stream))
        .as("files owned by the image user, or writable by others outside /tmp, or setuid")
        .noneMatch(
            e ->
                e.uid() == 10001
                    || ((e.mode() & 0002) != 0 && !e.link() && !e.path().equals("/tmp"))
                    || (e.mode() & 04000) != 0);
  }

  private static int indexOf(List<List<Entry>> all, String pathPrefix) {
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i).stream().anyMatch(e -> e.path().startsWith(pathPrefix))) {
        return i;
      }
    }
    throw new AssertionError("no layer holds " + pathPrefix);
  }

  @Test
  void the_tarball_and_its_app_layers_stay_small() throws IOException {
    long base = layers.values().iterator().next().stream().mapToLong(Entry::size).sum();
    long app = layers.values().stream().skip(1).flatMap(List::stream).mapToLong(Entry::size).sum();
    assertThat(Files.size(tarball)).as("tarball bytes").isLessThan(120 * MIB);
    assertThat(base).as("base layer, unpacked").isLessThan(150 * MIB);
    assertThat(app).as("Jib's layers, unpacked").isLessThan(70 * MIB);
  }

  /** The image's entrypoint, on the unpacked root: its java, flags and jars, then {@code args}. */
  private static List<String> entrypoint(String... args) throws IOException {
    // the classpath file names /app/...: the same files, in the unpacked root
    String classpath = file("/app/jib-classpath-file").trim();
    List<String> command = new ArrayList<>();
    command.add(root.resolve("opt/java/bin/java").toString());
    command.addAll(imageFlags());
    command.add("-XX:MaxRAM=128m");
    command.add("-cp");
    command.add(classpath.replace("/app/", root.resolve("app") + "/"));
    command.add("dev.edw.cli.Main");
    command.addAll(List.of(args));
    return command;
  }

  /** Runs a command in the image's working directory; its output, after a zero exit. */
  private static String run(List<String> command, Map<String, String> env) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(root.resolve("tmp").toFile())
            .redirectErrorStream(true);
    builder.environment().putAll(env);
    Process p = builder.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  @Test
  void the_image_runtime_runs_edw_from_its_layers_with_its_flags_under_the_pod_limit()
      throws Exception {
    assertThat(run(entrypoint("--version"), Map.of())).contains("edw ");
    // a worker's path: the embedded store, one message produced and consumed
    Map<String, String> store = Map.of("EDW_STORE", "sqlite:" + root.resolve("tmp/edw.db"));
    run(entrypoint("produce", "--count", "1", "--queue", "q"), store);
    assertThat(
            run(
                entrypoint(
                    "consume",
                    "--queue",
                    "q",
                    "--table",
                    "t",
                    "--max-messages",
                    "1",
                    "--metrics-port",
                    "-1"),
                store))
        .contains("1 message(s) completed");

    // the heap the flags give under 128Mi leaves room for metaspace, code and stacks
    List<String> sizing = new ArrayList<>(entrypoint());
    sizing = new ArrayList<>(sizing.subList(0, sizing.indexOf("-cp")));
    sizing.addAll(List.of("-XX:+PrintFlagsFinal", "-version"));
    String printed = run(sizing, Map.of());
    long heap = flagValue(printed, "MaxHeapSize");
    long code = flagValue(printed, "ReservedCodeCacheSize");
    assertThat(heap).isBetween(64 * MIB, 80 * MIB);
    assertThat(heap + code).isLessThan(112 * MIB);
  }

  private static long flagValue(String printFlagsFinal, String name) {
    return printFlagsFinal
        .lines()
        .map(String::trim)
        .map(l -> l.split("\\s+"))
        .filter(f -> f.length >= 4 && f[1].equals(name))
        .mapToLong(f -> Long.parseLong(f[3]))
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + " not printed:\n" + printFlagsFinal));
  }
}
