package dev.edw.core.redrive;

import dev.edw.api.InvalidInputException;
import dev.edw.api.queue.OutgoingMessage;
import dev.edw.api.queue.Receipt;
import dev.edw.api.queue.ReceivedMessage;
import dev.edw.api.queue.WorkQueue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the original bodies of a poison queue's entries back to their work queue as new messages
 * (so their dequeue count starts again), and deletes each entry only after its send succeeded: a
 * failure part-way leaves the entry in the poison queue, nothing is lost. Entries it does not send
 * (filtered out, over {@code max}, a dry run) are leased while it runs and released at the end.
 */
public final class Redriver {
  private static final Logger log = LoggerFactory.getLogger(Redriver.class);

  /** What a redrive did (or, in a dry run, would do). */
  public record Report(long redriven, long skipped) {}

  /** Told about each entry sent back (or, in a dry run, that would be). */
  @FunctionalInterface
  public interface Listener {
    void redriven(String body, String target);
  }

  private final WorkQueue poison;
  private final Function<String, WorkQueue> targets;
  private final String fixedTarget;

  /**
   * @param poison the poison queue to read
   * @param fixedTarget the queue name to send every body to ({@code --to}), or null to send each
   *     back to the queue its envelope names
   * @param targets opens a target queue by its name or URI; called once per target
   */
  public Redriver(WorkQueue poison, String fixedTarget, Function<String, WorkQueue> targets) {
    this.poison = poison;
    this.fixedTarget = fixedTarget;
    this.targets = targets;
  }

  public Report run(RedriveOptions options, Listener listener) {
    java.util.Map<String, WorkQueue> open = new java.util.HashMap<>();
    // every entry received and not deleted: released at the end, also after a failure
    java.util.Map<String, Receipt> leased = new java.util.LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    long redriven = 0;
    long skipped = 0;
    try {
      while (options.max() == 0 || redriven < options.max()) {
        List<ReceivedMessage> batch =
            poison.receive(
                poison.limits().maxReceiveBatch(), options.lease(), options.receiveWait());
        if (batch.isEmpty()) {
          break;
        }
        batch.forEach(m -> leased.put(m.id(), m.receipt()));
        for (ReceivedMessage m : batch) {
          PoisonEntry entry = PoisonEntry.parse(m.body());
          boolean fresh = seen.add(m.id());
          boolean wanted =
              fresh
                  && entry.matches(options.filter())
                  && (options.max() == 0 || redriven < options.max());
          if (!wanted) {
            skipped += fresh ? 1 : 0;
            continue;
          }
          String target = fixedTarget != null ? fixedTarget : origin(entry);
          if (!options.dryRun()) {
            open.computeIfAbsent(target, targets).send(OutgoingMessage.of(entry.body()));
            poison.delete(List.of(m.receipt()));
            leased.remove(m.id());
          }
          redriven++;
          listener.redriven(entry.body(), target);
        }
      }
      return new Report(redriven, skipped);
    } finally {
      release(new ArrayList<>(leased.values()));
      open.values().forEach(WorkQueue::close);
    }
  }

  /** The name of the queue an entry came from. */
  private String origin(PoisonEntry entry) {
    if (entry.queue() != null) {
      return entry.queue();
    }
    String name = poison.name();
    for (String suffix : List.of("-poison", "-poison.fifo")) {
      if (name.endsWith(suffix) && name.length() > suffix.length()) {
        return name.substring(0, name.length() - suffix.length())
            + (suffix.endsWith(".fifo") ? ".fifo" : "");
      }
    }
    throw new InvalidInputException(
        "an entry of '"
            + poison.uri()
            + "' does not say which queue it came from: give the target with --to QUEUE");
  }

  private void release(List<Receipt> held) {
    int batch = poison.limits().maxReceiveBatch();
    for (int i = 0; i < held.size(); i += batch) {
      try {
        poison.changeVisibility(
            held.subList(i, Math.min(held.size(), i + batch)), java.time.Duration.ZERO);
      } catch (RuntimeException e) {
        log.warn("could not release skipped entries of {}: {}", poison.uri(), e.toString());
      }
    }
  }
}
