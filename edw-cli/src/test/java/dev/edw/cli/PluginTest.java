package dev.edw.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edw.api.backend.BackendContext;
import dev.edw.api.queue.OutgoingMessage;
import dev.edw.api.queue.WorkQueue;
import dev.edw.api.table.Entity;
import dev.edw.api.table.ResultTable;
import dev.edw.api.table.TableQuery;
import dev.edw.core.backend.Backends;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example plug-in of examples/java-processor, compiled and packed here, loaded by edw. */
class PluginTest {
  private static final Path EXAMPLE = Path.of("..", "examples", "java-processor");

  @TempDir Path dir;

  /** Compiles the example against edw-api and packs it as a jar in {@code plugins}. */
  private Path buildExample(Path plugins) throws Exception {
    Path classes = dir.resolve("classes");
    Files.createDirectories(classes);
    List<String> args = new ArrayList<>(List.of("--release", "21", "-d", classes.toString()));
    args.addAll(List.of("-classpath", System.getProperty("java.class.path")));
    try (Stream<Path> sources = Files.walk(EXAMPLE.resolve("src/main/java"))) {
      sources.filter(p -> p.toString().endsWith(".java")).forEach(p -> args.add(p.toString()));
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertThat(javac.run(null, null, null, args.toArray(String[]::new))).isZero();
    Files.createDirectories(plugins);
    Path jar = plugins.resolve("word-count-processor.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      add(out, classes);
      add(out, EXAMPLE.resolve("src/main/resources"));
    }
    return jar;
  }

  private static void add(JarOutputStream out, Path root) throws Exception {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        out.putNextEntry(new JarEntry(root.relativize(p).toString().replace('\\', '/')));
        try (OutputStream ignored = null) {
          Files.copy(p, out);
        }
        out.closeEntry();
      }
    }
  }

  @Test
  void the_example_plugin_is_listed_and_processes_messages_in_its_own_class_loader()
      throws Exception {
    Path plugins = dir.resolve("plugins");
    buildExample(plugins);
    Map<String, String> env =
        Map.of("EDW_STORE", "sqlite:" + dir.resolve("edw.db"), "EDW_PLUGINS", plugins.toString());
    Backends backends = new Backends(new BackendContext(env, Clock.systemUTC()));
    try (WorkQueue queue = backends.queue("edw-queue");
        WorkQueue poison = backends.queue("edw-queue-poison")) {
      queue.createIfMissing();
      queue.send(
          List.of(
              OutgoingMessage.of("one two three"),
              OutgoingMessage.of("a b cc"),
              OutgoingMessage.of("   ")));

      EdwProcess.Result listed =
          EdwProcess.run(dir, Map.of(), "backends", "--plugins", plugins.toString());
      EdwProcess.Result run =
          EdwProcess.run(
              dir,
              env,
              "consume",
              "--until-empty",
              "--metrics-port",
              "-1",
              "--processor",
              "word-count",
              "--processor-option",
              "minLength=2");

      assertThat(listed.exitCode()).as(listed.stderr()).isZero();
      assertThat(listed.stdout())
          .contains("word-count", "(plug-in word-count-processor.jar)", "exec", "http");
      assertThat(run.exitCode()).as(run.stderr()).isZero();
      try (ResultTable table = backends.table("edwresults")) {
        List<Entity> rows = table.query(TableQuery.all(10));
        assertThat(rows)
            .extracting(r -> r.properties().get("words"))
            .containsExactlyInAnyOrder(1L, 3L);
      }
      var envelope = new ObjectMapper().readTree(poison.peek(1).get(0).body());
      assertThat(envelope.get("reason").asText()).contains("the body is empty");
      assertThat(envelope.get("dequeueCount").asInt()).isEqualTo(1);
    }
  }

  @Test
  void a_missing_plugin_directory_is_a_clear_error() throws Exception {
    EdwProcess.Result run =
        EdwProcess.run(dir, Map.of(), "backends", "--plugins", dir.resolve("nope").toString());

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.stderr()).contains("plug-in directory", "does not exist");
  }
}
