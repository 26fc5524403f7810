package dev.edw.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edw.api.InvalidInputException;
import dev.edw.api.queue.OutgoingMessage;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SqsNamesTest {

  @Test
  void poison_queue_of_a_standard_queue_appends_the_suffix() {
    assertThat(SqsNames.poisonName("orders")).isEqualTo("orders-poison");
  }

  @Test
  void poison_queue_of_a_fifo_queue_keeps_fifo_at_the_end() {
    assertThat(SqsNames.poisonName("orders.fifo")).isEqualTo("orders-poison.fifo");
    assertThat(SqsNames.isFifo(SqsNames.poisonName("orders.fifo"))).isTrue();
  }

  @Test
  void names_sqs_would_refuse_are_refused_up_front() {
    assertThat(SqsNames.check("a_b-c.fifo")).isEqualTo("a_b-c.fifo");
    assertThatThrownBy(() -> SqsNames.check("orders.fifo-poison"))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> SqsNames.check("x".repeat(81)))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void send_batches_hold_at_most_ten_messages() {
    List<OutgoingMessage> messages =
        IntStream.range(0, 25).mapToObj(i -> OutgoingMessage.of("m" + i)).toList();

    assertThat(SendBatches.split(messages, 10, 256 * 1024))
        .extracting(List::size)
        .containsExactly(10, 10, 5);
  }

  @Test
  void send_batches_hold_at_most_256_kib_of_bodies() {
    String hundredKib = "x".repeat(100 * 1024);
    List<OutgoingMessage> messages =
        IntStream.range(0, 5).mapToObj(i -> OutgoingMessage.of(hundredKib)).toList();

    assertThat(SendBatches.split(messages, 10, 256 * 1024))
        .extracting(List::size)
        .containsExactly(2, 2, 1);
  }
}
