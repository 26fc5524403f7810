package dev.edw.core.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Records whose text is written out by hand (to spare each start the generated method's linking)
 * read as a record's generated text would, and name every component, also one added later.
 */
class RecordTextTest {
  /** The text a record's generated toString gives: Name[a=1, b=2]. */
  private static String generated(Record record) throws Exception {
    StringBuilder text = new StringBuilder(record.getClass().getSimpleName()).append('[');
    RecordComponent[] components = record.getClass().getRecordComponents();
    for (int i = 0; i < components.length; i++) {
      text.append(i == 0 ? "" : ", ")
          .append(components[i].getName())
          .append('=')
          .append(components[i].getAccessor().invoke(record));
    }
    return text.append(']').toString();
  }

  @Test
  void consumer_options_read_as_the_generated_text_with_every_component() throws Exception {
    ConsumerOptions options =
        ConsumerOptions.builder()
            .concurrency(7)
            .untilEmpty(true)
            .maxMessages(12)
            .writeLinger(Duration.ofMillis(3))
            .build();

    assertThat(options.toString()).isEqualTo(generated(options));
  }

  @Test
  void a_drain_report_reads_as_the_generated_text() throws Exception {
    QueueWorker.DrainReport report = new QueueWorker.DrainReport(5, 2, 1, true);

    assertThat(report.toString())
        .isEqualTo(generated(report))
        .isEqualTo("DrainReport[completed=5, released=2, abandoned=1, timedOut=true]");
  }
}
