package dev.edw.core.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edw.api.queue.Receipt;
import dev.edw.api.queue.ReceivedMessage;
import org.junit.jupiter.api.Test;

class GroupLanesTest {
  private final GroupLanes lanes = new GroupLanes();

  private static InFlight message(String id, String group) {
    return new InFlight(new ReceivedMessage(id, "b", 1, null, group, new Receipt(id, "h")), 60_000);
  }

  @Test
  void messages_of_one_group_run_one_after_another_in_receive_order() {
    InFlight a1 = message("a1", "a");
    InFlight a2 = message("a2", "a");
    InFlight a3 = message("a3", "a");

    assertThat(lanes.admit(a1)).isTrue();
    assertThat(lanes.admit(a2)).isFalse();
    assertThat(lanes.admit(a3)).isFalse();

    assertThat(lanes.next(a1)).isSameAs(a2);
    assertThat(lanes.next(a2)).isSameAs(a3);
    assertThat(lanes.next(a3)).isNull();
    assertThat(lanes.admit(message("a4", "a"))).isTrue();
  }

  @Test
  void other_groups_and_ungrouped_messages_run_at_once() {
    assertThat(lanes.admit(message("a1", "a"))).isTrue();
    assertThat(lanes.admit(message("b1", "b"))).isTrue();
    assertThat(lanes.admit(message("x", null))).isTrue();
    assertThat(lanes.admit(message("y", null))).isTrue();
  }

  @Test
  void a_failure_gives_back_the_messages_waiting_behind_it() {
    InFlight a1 = message("a1", "a");
    InFlight a2 = message("a2", "a");
    lanes.admit(a1);
    lanes.admit(a2);

    assertThat(lanes.abandon(a1)).containsExactly(a2);
    assertThat(lanes.next(a1)).isNull();
    assertThat(lanes.admit(message("a3", "a"))).isTrue();
  }

  @Test
  void a_finished_message_of_an_abandoned_lane_does_not_take_from_a_new_lane() {
    InFlight a1 = message("a1", "a");
    lanes.admit(a1);
    lanes.abandon(a1);
    InFlight a5 = message("a5", "a");
    InFlight a6 = message("a6", "a");
    lanes.admit(a5);
    lanes.admit(a6);

    assertThat(lanes.next(a1)).isNull();
    assertThat(lanes.next(a5)).isSameAs(a6);
  }

  @Test
  void drain_returns_every_waiting_message() {
    lanes.admit(message("a1", "a"));
    InFlight a2 = message("a2", "a");
    lanes.admit(a2);
    lanes.admit(message("b1", "b"));
    InFlight b2 = message("b2", "b");
    lanes.admit(b2);

    assertThat(lanes.drainWaiting()).containsExactlyInAnyOrder(a2, b2);
  }
}
