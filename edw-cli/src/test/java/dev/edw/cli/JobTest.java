package dev.edw.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edw.api.backend.BackendContext;
import dev.edw.api.blob.BlobStore;
import dev.edw.api.processor.Processor;
import dev.edw.api.processor.ProcessorContext;
import dev.edw.api.queue.ReceivedMessage;
import dev.edw.api.queue.WorkQueue;
import dev.edw.api.table.ResultTable;
import dev.edw.api.table.TableQuery;
import dev.edw.core.backend.Backends;
import dev.edw.testkit.PngBomb;
import dev.edw.testkit.RedisServer;
import dev.edw.workloads.temperature.AggregateTemperatureFactory;
import dev.edw.workloads.temperature.TemperatureDemoData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code edw job} and {@code edw demo-data} as separate OS processes on a real redis-server: the
 * seed's Kubernetes Job (parallelism 3) on a Redis work queue of temperature CSVs.
 */
class JobTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration PROCESS_BOUND = Duration.ofSeconds(120);
  private static RedisServer redis;

  @TempDir Path dir;
  private Map<String, String> env;
  private Backends backends;

  @BeforeAll
  static void startRedis() {
    redis = RedisServer.start();
  }

  @AfterAll
  static void stopRedis() {
    if (redis != null) {
      redis.close();
    }
  }

  @BeforeEach
  void useTempStore() {
    env = Map.of("EDW_STORE", "sqlite:" + dir.resolve("edw.db"));
    backends = new Backends(new BackendContext(env, Clock.systemUTC()));
  }

  private String blobs() {
    return "file:" + dir.resolve("temperature");
  }

  private EdwProcess.Result edw(String... args) throws Exception {
    return EdwProcess.run(dir, env, args);
  }

  private JsonNode stats(String queue) throws Exception {
    EdwProcess.Result stats = edw("queue", "stats", "--json", queue);
    assertThat(stats.exitCode()).as(stats.stderr()).isZero();
    return JSON.readTree(stats.stdout());
  }

  /** Runs {@code edw job} with resize-image on the images in {@code images}. */
  private EdwProcess.Result resizeJob(String queue, Path images, String... more) throws Exception {
    return edw(
        concat(
            List.of(
                "job",
                "--queue",
                queue,
                "--processor",
                "resize-image",
                "--blobs",
                "file:" + images,
                "--retry-delay",
                "100ms"),
            more));
  }

  private static String[] concat(List<String> first, String... more) {
    List<String> args = new ArrayList<>(first);
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  /** The envelope of the only message in the poison queue; the queue itself is empty. */
  private JsonNode theOnePoisonEnvelope(String queue) throws Exception {
    JsonNode stats = stats(queue);
    assertThat(stats.get("poison").asLong()).isEqualTo(1);
    assertThat(stats.get("visible").asLong()).isZero();
    assertThat(stats.get("inFlight").asLong()).isZero();
    EdwProcess.Result peek = edw("queue", "peek", queue + "-poison");
    return JSON.readTree(
        JSON.readTree(peek.stdout().lines().findFirst().orElseThrow()).get("body").asText());
  }

  private static String[] job(String queue, String... more) {
    return concat(
        List.of(
            "job",
            "--queue",
            queue,
            "--processor",
            AggregateTemperatureFactory.NAME,
            "--concurrency",
            "1",
            "--prefetch",
            "0"),
        more);
  }

  /** What aggregate-temperature makes of demo file {@code number}, computed in this JVM. */
  private byte[] expectedAggregate(int files, int days, int number) throws Exception {
    try (BlobStore reference = backends.blobStore("file:" + dir.resolve("reference"))) {
      reference.createIfMissing();
      TemperatureDemoData.Options options =
          new TemperatureDemoData.Options(
              files, days, TemperatureDemoData.Options.DEFAULT_SEED, LocalDate.of(2026, 1, 1));
      new TemperatureDemoData(options).write(reference);
      Processor processor =
          new AggregateTemperatureFactory()
              .create(new ProcessorContext(Clock.systemUTC(), reference, Map.of()));
      String name = TemperatureDemoData.fileName(number);
      processor.process(new ReceivedMessage("ref-" + number, name, 1, null, null, null));
      return Files.readAllBytes(dir.resolve("reference").resolve(aggregated(number)));
    }
  }

  private static String aggregated(int number) {
    return "temperature" + number + "_aggregated.csv";
  }

  @Test
  void demo_data_writes_n_files_and_enqueues_their_names_as_plain_bodies() throws Exception {
    String queue = redis.uri("demo_names");

    EdwProcess.Result result =
        edw(
            "demo-data",
            "temperature",
            "--files",
            "4",
            "--days",
            "1",
            "--blobs",
            blobs(),
            "--queue",
            queue);

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout()).contains("wrote 4 file(s)").contains("enqueued 4 name(s)");
    for (int n = 1; n <= 4; n++) {
      assertThat(dir.resolve("temperature").resolve("temperature" + n + ".csv")).isNotEmptyFile();
    }
    assertThat(stats(queue).get("visible").asLong()).isEqualTo(4);
    try (WorkQueue q = backends.queue(queue)) {
      List<String> bodies =
          q.receive(10, Duration.ofSeconds(30), Duration.ZERO).stream()
              .map(ReceivedMessage::body)
              .sorted()
              .toList();
      assertThat(bodies)
          .containsExactly(
              "temperature1.csv", "temperature2.csv", "temperature3.csv", "temperature4.csv");
    }
  }

  @Test
  void three_jobs_on_one_queue_aggregate_every_file_exit_zero_and_leave_the_queue_empty()
      throws Exception {
    String queue = redis.uri("temperature_job");
    int files = 9;
    assertThat(
            edw(
                    "demo-data",
                    "temperature",
                    "--files",
                    "" + files,
                    "--days",
                    "2",
                    "--blobs",
                    blobs(),
                    "--queue",
                    queue)
                .exitCode())
        .isZero();

    List<Process> jobs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      jobs.add(EdwProcess.start(dir, env, job(queue, "--blobs", blobs())));
    }
    for (Process p : jobs) {
      assertThat(p.waitFor(PROCESS_BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
    }

    assertThat(jobs).allSatisfy(p -> assertThat(p.exitValue()).isZero());
    for (int n = 1; n <= files; n++) {
      assertThat(dir.resolve("temperature").resolve(aggregated(n)))
          .hasBinaryContent(expectedAggregate(files, 2, n));
    }
    JsonNode stats = stats(queue);
    assertThat(stats.get("visible").asLong()).isZero();
    assertThat(stats.get("inFlight").asLong()).isZero();
    assertThat(stats.get("poison").asLong()).isZero();
  }

  @Test
  void a_job_with_max_messages_2_processes_exactly_two_and_leaves_the_rest() throws Exception {
    String queue = redis.uri("max_two");
    assertThat(
            edw(
                    "demo-data",
                    "temperature",
                    "--files",
                    "5",
                    "--days",
                    "1",
                    "--blobs",
                    blobs(),
                    "--queue",
                    queue)
                .exitCode())
        .isZero();

    EdwProcess.Result result = edw(job(queue, "--blobs", blobs(), "--max-messages", "2"));

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stderr()).contains("2 message(s) completed (0 poisoned)");
    long outputs =
        IntStream.rangeClosed(1, 5)
            .filter(n -> Files.exists(dir.resolve("temperature").resolve(aggregated(n))))
            .count();
    assertThat(outputs).isEqualTo(2);
    JsonNode stats = stats(queue);
    assertThat(stats.get("visible").asLong()).isEqualTo(3);
    assertThat(stats.get("inFlight").asLong()).isZero();
  }

  @Test
  void a_corrupt_image_ends_in_the_poison_queue_with_its_reason_and_the_job_exits_zero()
      throws Exception {
    String queue = redis.uri("images");
    Path images = Files.createDirectories(dir.resolve("images"));
    Files.write(images.resolve("broken.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
    assertThat(edw("queue", "send", queue, "broken.png").exitCode()).isZero();

    EdwProcess.Result result = resizeJob(queue, images, "--max-dequeue", "2");

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stderr()).contains("1 message(s) completed (1 poisoned)");
    JsonNode envelope = theOnePoisonEnvelope(queue);
    assertThat(envelope.get("body").asText()).isEqualTo("broken.png");
    assertThat(envelope.get("reason").asText()).isNotBlank();
    assertThat(images.resolve("processed_broken.png")).doesNotExist();
  }

  @Test
  void an_image_bomb_is_poisoned_on_its_first_attempt_naming_the_pixel_limit_and_the_rest_complete()
      throws Exception {
    String queue = "images";
    Path images = Files.createDirectories(dir.resolve("images"));
    Files.write(images.resolve("bomb.png"), PngBomb.of(60_000, 60_000));
    List<String> good = List.of("a.png", "b.png", "c.png");
    for (String name : good) {
      java.awt.image.BufferedImage image =
          new java.awt.image.BufferedImage(300, 200, java.awt.image.BufferedImage.TYPE_INT_RGB);
      assertThat(javax.imageio.ImageIO.write(image, "png", images.resolve(name).toFile())).isTrue();
    }
    for (String body : List.of("bomb.png", "a.png", "b.png", "c.png")) {
      assertThat(edw("queue", "send", queue, body).exitCode()).isZero();
    }

    EdwProcess.Result result = resizeJob(queue, images, "--concurrency", "1", "--max-dequeue", "5");

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stderr()).contains("4 message(s) completed (1 poisoned)");
    JsonNode envelope = theOnePoisonEnvelope(queue);
    assertThat(envelope.get("body").asText()).isEqualTo("bomb.png");
    assertThat(envelope.get("dequeueCount").asInt()).isEqualTo(1);
    assertThat(envelope.get("reason").asText())
        .contains("60000 x 60000")
        .contains("over the limit of 40000000")
        .contains("maxPixels");
    for (String name : good) {
      assertThat(images.resolve("processed_" + name)).exists();
    }
    assertThat(images.resolve("processed_bomb.png")).doesNotExist();
  }

  @Test
  void a_worker_killed_during_a_lease_loses_nothing_and_another_job_writes_each_row_once()
      throws Exception {
    String queue = redis.uri("records");
    int messages = 4;
    assertThat(
            edw("produce", "--queue", queue, "--count", "" + messages, "--no-progress").exitCode())
        .isZero();
    String[] job = {
      "job",
      "--queue",
      queue,
      "--visibility",
      "2s",
      "--concurrency",
      "" + messages,
      "--prefetch",
      "0",
      "--processor-option",
      "workMs=3000"
    };
    Process victim = EdwProcess.start(dir, env, job);
    try (WorkQueue q = backends.queue(queue)) {
      await().atMost(PROCESS_BOUND).until(() -> q.depth().inFlight() == messages);

      victim.destroyForcibly();
      assertThat(victim.waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(victim.exitValue()).isEqualTo(137);
      EdwProcess.Result rescuer = edw(job);

      assertThat(rescuer.exitCode()).as(rescuer.stderr()).isZero();
      assertThat(rescuer.stderr()).contains(messages + " message(s) completed (0 poisoned)");
      assertThat(q.depth().isEmpty()).isTrue();
    }
    try (ResultTable table = backends.table("edwresults")) {
      List<String> partitions =
          table.query(TableQuery.all(100)).stream().map(e -> e.partitionKey()).toList();
      assertThat(partitions).hasSize(messages).doesNotHaveDuplicates();
    }
  }

  @Test
  void a_job_whose_queue_stays_unreachable_gives_up_with_exit_code_4() throws Exception {
    EdwProcess.Result result;
    try (RedisServer doomed = RedisServer.start()) {
      String queue = doomed.uri("doomed");
      assertThat(edw("produce", "--queue", queue, "--count", "1", "--no-progress").exitCode())
          .isZero();
      Process job =
          EdwProcess.start(
              dir,
              env,
              "job",
              "--queue",
              queue,
              "--processor-option",
              "workMs=60000",
              "--outage-timeout",
              "2s",
              "--drain-timeout",
              "1s");
      try (WorkQueue q = backends.queue(queue)) {
        await().atMost(PROCESS_BOUND).until(() -> q.depth().inFlight() == 1);
      }

      doomed.close();

      assertThat(job.waitFor(PROCESS_BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
      assertThat(job.exitValue()).isEqualTo(Main.EXIT_UNAVAILABLE);
    }
  }

  @Test
  void a_job_that_would_never_end_is_refused_as_a_usage_error() throws Exception {
    String queue = redis.uri("endless");

    EdwProcess.Result result = edw("job", "--queue", queue, "--no-until-empty");

    assertThat(result.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(result.stderr()).contains("--max-messages");
  }
}
