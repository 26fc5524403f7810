package dev.edw.core.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edw.api.backend.BackendContext;
import dev.edw.api.processor.ProcessResult;
import dev.edw.api.queue.ReceivedMessage;
import dev.edw.api.table.Entity;
import dev.edw.api.table.ForwardingResultTable;
import dev.edw.api.table.ResultTable;
import dev.edw.core.backend.Backends;
import dev.edw.testkit.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The result writer alone, on a manual clock, against a real SQLite table. */
class ResultWriterTest {
  private final ManualClock clock = new ManualClock();
  @TempDir Path dir;

  private static ResultWriter.Done done(int i) {
    InFlight f = new InFlight(new ReceivedMessage("m" + i, "{}", 1, null, null, null), 0);
    return new ResultWriter.Done(f, ProcessResult.of(new Entity("p", "r" + i, Map.of("i", i))));
  }

  private Backends backends() {
    return new Backends(
        new BackendContext(Map.of("EDW_STORE", "sqlite:" + dir.resolve("edw.db")), clock));
  }

  @Test
  void an_error_while_acknowledging_written_results_is_not_taken_for_a_table_failure() {
    // the double-finish defect: a throw after some messages were acknowledged made the writer
    // narrow the batch down and hand the same messages on a second time
    List<String> written = new CopyOnWriteArrayList<>();
    List<String> failed = new CopyOnWriteArrayList<>();
    ResultWriter.Sink sink =
        new ResultWriter.Sink() {
          @Override
          public void written(List<ResultWriter.Done> batch) {
            batch.forEach(d -> written.add(d.inFlight().message.id()));
            throw new IllegalStateException("the acknowledger broke half way");
          }

          @Override
          public void writeFailed(ResultWriter.Done d, Throwable cause, boolean counts) {
            failed.add(d.inFlight().message.id());
          }
        };
    Backends backends = backends();
    try (ResultTable table = backends.table("results")) {
      table.createIfMissing();
      ResultWriter writer =
          new ResultWriter(table, 10, Duration.ZERO, sink, WorkerListener.NONE, () -> false, clock);
      IntStream.range(0, 5).forEach(i -> writer.submit(done(i)));

      assertThatThrownBy(writer::flush).hasMessageContaining("acknowledger broke");

      assertThat(written).containsExactly("m0", "m1", "m2", "m3", "m4");
      assertThat(failed).isEmpty();
      assertThat(writer.pending()).isZero();
      assertThat(writer.flush()).isZero();
      assertThat(table.count()).isEqualTo(5);
    }
  }

  @Test
  void a_sink_that_throws_for_one_failed_message_still_hears_of_every_other() {
    // a throw while finishing one message of a batch written row by row had left the rest of the
    // batch unfinished, their leases renewed for good
    List<String> failed = new CopyOnWriteArrayList<>();
    ResultWriter.Sink sink =
        new ResultWriter.Sink() {
          @Override
          public void written(List<ResultWriter.Done> batch) {
            throw new AssertionError("no row can be written");
          }

          @Override
          public void writeFailed(ResultWriter.Done d, Throwable cause, boolean counts) {
            failed.add(d.inFlight().message.id());
            if (failed.size() == 1) {
              throw new IllegalStateException("giving the first message back broke");
            }
          }
        };
    Backends backends = backends();
    try (ResultTable real = backends.table("results")) {
      real.createIfMissing();
      ResultTable broken =
          new ForwardingResultTable(real) {
            @Override
            public void upsert(List<Entity> entities) {
              throw new IllegalStateException("an SDK bug on every write");
            }
          };
      ResultWriter writer =
          new ResultWriter(
              broken, 10, Duration.ZERO, sink, WorkerListener.NONE, () -> false, clock);
      IntStream.range(0, 5).forEach(i -> writer.submit(done(i)));

      assertThat(writer.flush()).isEqualTo(5);

      assertThat(failed).containsExactly("m0", "m1", "m2", "m3", "m4");
      assertThat(real.count()).isZero();
    }
  }

  @Test
  void a_message_is_finished_once_whichever_path_claims_it_first() {
    InFlight f = done(1).inFlight();

    boolean first = f.claimFinish();
    boolean second = f.claimFinish();

    assertThat(first).isTrue();
    assertThat(second).isFalse();
    assertThat(f.finished()).isTrue();
  }
}
