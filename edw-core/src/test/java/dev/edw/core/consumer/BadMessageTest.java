package dev.edw.core.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edw.api.BackendUnavailableException;
import dev.edw.api.EdwException;
import dev.edw.api.InvalidInputException;
import dev.edw.api.processor.PoisonMessageException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class BadMessageTest {
  @Test
  void a_poison_message_exception_says_the_message_is_bad_also_as_a_cause() {
    assertThat(BadMessage.says(new PoisonMessageException("bad"))).isTrue();
    assertThat(BadMessage.says(new IOException("wrapped", new PoisonMessageException("bad"))))
        .isTrue();
  }

  @Test
  void an_outage_never_says_so_even_around_a_poison_verdict() {
    assertThat(BadMessage.says(new BackendUnavailableException("down", null))).isFalse();
    assertThat(
            BadMessage.says(
                new EdwException("timed out", true, new PoisonMessageException("stale"))))
        .isFalse();
  }

  @Test
  void other_failures_and_plain_invalid_input_are_ordinary_attempts() {
    assertThat(BadMessage.says(new IllegalStateException("flaky"))).isFalse();
    assertThat(BadMessage.says(new InvalidInputException("no credentials"))).isFalse();
  }

  @Test
  void a_cause_chain_that_loops_ends() {
    Exception a = new Exception("a");
    Exception b = new Exception("b", a);
    a.initCause(b);
    assertThat(BadMessage.says(b)).isFalse();
  }
}
