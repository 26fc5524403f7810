package dev.edw.redis;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import dev.edw.api.EdwException;
import dev.edw.api.InvalidInputException;
import dev.edw.api.ResourceNotFoundException;
import dev.edw.api.backend.ResourceUri;
import dev.edw.api.queue.LeaseLostException;
import dev.edw.api.queue.MessageSize;
import dev.edw.api.queue.OutgoingMessage;
import dev.edw.api.queue.QueueDepth;
import dev.edw.api.queue.QueueLimits;
import dev.edw.api.queue.Receipt;
import dev.edw.api.queue.ReceiptResult;
import dev.edw.api.queue.ReceivedMessage;
import dev.edw.api.queue.WorkQueue;
import io.lettuce.core.ScriptOutputType;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A reliable lease queue on a Redis list. Items are taken from the left (oldest first, as other
 * tools {@code RPUSH} them); a receive moves them into a lease (a sorted set by expiry plus a hash
 * of lease tokens) in one Lua script, and every script first returns expired leases to the list, so
 * a crashed worker's message comes back without a janitor. Lease times use the Redis server's clock
 * ({@code TIME}), the one clock all workers share. See docs/backends/redis.md.
 */
final class RedisWorkQueue implements WorkQueue {
  static final QueueLimits LIMITS = new QueueLimits(1_000, 1_000, 1 << 20, Duration.ofDays(7));

  /** Most argument bytes one send script carries; larger sends are split. */
  static final int MAX_SEND_BYTES = 8 << 20;

  static final Duration FIRST_POLL_PAUSE = Duration.ofMillis(20);
  static final Duration LONGEST_POLL_PAUSE = Duration.ofMillis(250);

  private static final LuaScript CREATE = LuaScript.load("create");
  private static final LuaScript EXISTS = LuaScript.load("exists");
  private static final LuaScript SEND = LuaScript.load("send");
  private static final LuaScript RECEIVE = LuaScript.load("receive");
  private static final LuaScript DELETE = LuaScript.load("delete");
  private static final LuaScript CHANGE_VISIBILITY = LuaScript.load("change_visibility");
  private static final LuaScript DEPTH = LuaScript.load("depth");
  private static final LuaScript PEEK = LuaScript.load("peek");
  private static final LuaScript PURGE = LuaScript.load("purge");

  private static final SecureRandom RANDOM = new SecureRandom();

  private final RedisOptions options;
  private final QueueKeys keys;
  private final RedisConnection connection;
  private final RedisErrors errors;
  private final TimeBasedEpochGenerator ids = Generators.timeBasedEpochGenerator();

  RedisWorkQueue(RedisOptions options) {
    this.options = options;
    this.keys = QueueKeys.of(options.uri().name());
    this.connection = new RedisConnection(options);
    this.errors = new RedisErrors(options);
  }

  @Override
  public ResourceUri uri() {
    return options.uri();
  }

  @Override
  public QueueLimits limits() {
    return LIMITS;
  }

  @Override
  public boolean createIfMissing() {
    return this.<Long>run("create", CREATE, ScriptOutputType.INTEGER) == 1L;
  }

  @Override
  public boolean exists() {
    return this.<Long>run("check", EXISTS, ScriptOutputType.INTEGER) == 1L;
  }

  @Override
  public List<String> send(List<OutgoingMessage> messages) {
    for (OutgoingMessage m : messages) {
      MessageSize.check(name(), m.body(), LIMITS.maxMessageBytes());
    }
    List<String> sent = new ArrayList<>(messages.size());
    List<String> args = new ArrayList<>();
    List<String> chunkIds = new ArrayList<>();
    long bytes = 0;
    for (OutgoingMessage m : messages) {
      String encoded = Envelope.encodeBody(m.body());
      if (!chunkIds.isEmpty()
          && (chunkIds.size() == LIMITS.maxSendBatch()
              || bytes + encoded.length() > MAX_SEND_BYTES)) {
        sendChunk(args, chunkIds, sent, messages.size());
        bytes = 0;
      }
      String id = ids.generate().toString();
      args.add(id);
      args.add(Long.toString(m.delay().toMillis()));
      args.add(encoded);
      chunkIds.add(id);
      bytes += encoded.length();
    }
    if (!chunkIds.isEmpty()) {
      sendChunk(args, chunkIds, sent, messages.size());
    }
    return sent;
  }

  private void sendChunk(List<String> args, List<String> chunkIds, List<String> sent, int total) {
    long result;
    try {
      result = run("send to", SEND, ScriptOutputType.INTEGER, args.toArray(String[]::new));
    } catch (EdwException e) {
      if (sent.isEmpty()) {
        throw e;
      }
      throw new EdwException(
          e.getMessage() + "; " + sent.size() + " of " + total + " messages were sent before",
          e.retryable());
    }
    if (result < 0) {
      throw new ResourceNotFoundException(
          "queue '"
              + uri()
              + "' does not exist: create it first (redis: a queue exists once created or once"
              + " its list holds items)"
              + (sent.isEmpty() ? "" : "; " + sent.size() + " of " + total + " were sent before"));
    }
    sent.addAll(chunkIds);
    args.clear();
    chunkIds.clear();
  }

  @Override
  public List<ReceivedMessage> receive(int max, Duration visibility, Duration wait) {
    if (max < 1 || max > LIMITS.maxReceiveBatch()) {
      throw new InvalidInputException(
          "receive takes 1 to " + LIMITS.maxReceiveBatch() + " messages, not " + max);
    }
    requireNotNegative("visibility", visibility);
    long deadline = System.nanoTime() + Math.max(0, wait.toNanos());
    Duration pause = FIRST_POLL_PAUSE;
    while (true) {
      List<ReceivedMessage> received = receiveNow(max, visibility);
      long left = deadline - System.nanoTime();
      if (!received.isEmpty() || left <= 0) {
        return received;
      }
      // Redis cannot block inside a script, so a long poll polls with growing pauses.
      try {
        Thread.sleep(Math.min(pause.toMillis(), Math.max(1, left / 1_000_000)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return List.of();
      }
      pause =
          pause.multipliedBy(2).compareTo(LONGEST_POLL_PAUSE) > 0
              ? LONGEST_POLL_PAUSE
              : pause.multipliedBy(2);
    }
  }

  private List<ReceivedMessage> receiveNow(int max, Duration visibility) {
    // the lease token of every message this receive leases (receive.lua)
    byte[] nonce = new byte[12];
    RANDOM.nextBytes(nonce);
    String token = HexFormat.of().formatHex(nonce);
    List<Object> reply =
        run(
            "receive from",
            RECEIVE,
            ScriptOutputType.MULTI,
            Integer.toString(max),
            Long.toString(visibility.toMillis()),
            token);
    List<ReceivedMessage> received = new ArrayList<>(reply.size() / 2);
    for (int i = 0; i < reply.size(); i += 2) {
      Envelope envelope = Envelope.decode(name(), (String) reply.get(i));
      int count = ((Long) reply.get(i + 1)).intValue();
      received.add(
          new ReceivedMessage(
              envelope.id(),
              envelope.body(),
              count,
              envelope.enqueuedAt(),
              null,
              new Receipt(envelope.id(), token)));
    }
    return received;
  }

  @Override
  public List<ReceiptResult> delete(List<Receipt> receipts) {
    if (receipts.isEmpty()) {
      return List.of();
    }
    List<Long> done = run("delete from", DELETE, ScriptOutputType.MULTI, pairs(receipts, null));
    return results(receipts, done, false);
  }

  @Override
  public List<ReceiptResult> changeVisibility(List<Receipt> receipts, Duration visibility) {
    requireNotNegative("visibility", visibility);
    if (receipts.isEmpty()) {
      return List.of();
    }
    List<Long> done =
        run(
            "change visibility in",
            CHANGE_VISIBILITY,
            ScriptOutputType.MULTI,
            pairs(receipts, Long.toString(visibility.toMillis())));
    return results(receipts, done, true);
  }

  private static String[] pairs(List<Receipt> receipts, String first) {
    List<String> args = new ArrayList<>(receipts.size() * 2 + 1);
    if (first != null) {
      args.add(first);
    }
    for (Receipt receipt : receipts) {
      args.add(receipt.messageId());
      args.add(receipt.handle());
    }
    return args.toArray(String[]::new);
  }

  private List<ReceiptResult> results(List<Receipt> receipts, List<Long> done, boolean keep) {
    List<ReceiptResult> results = new ArrayList<>(receipts.size());
    for (int i = 0; i < receipts.size(); i++) {
      Receipt receipt = receipts.get(i);
      results.add(
          done.get(i) == 1L
              ? ReceiptResult.ok(receipt, keep ? receipt : null)
              : ReceiptResult.failed(receipt, LeaseLostException.notLeasedBy(receipt, name())));
    }
    return results;
  }

  @Override
  public QueueDepth depth() {
    List<Long> counts = run("count", DEPTH, ScriptOutputType.MULTI);
    return new QueueDepth(counts.get(0), counts.get(1), counts.get(2), true);
  }

  @Override
  public List<ReceivedMessage> peek(int max) {
    if (max < 1) {
      return List.of();
    }
    List<Object> reply =
        run("peek", PEEK, ScriptOutputType.MULTI, Integer.toString(Math.min(max, 1_000)));
    List<ReceivedMessage> peeked = new ArrayList<>(reply.size() / 2);
    for (int i = 0; i < reply.size(); i += 2) {
      Envelope envelope = Envelope.decode(name(), (String) reply.get(i));
      peeked.add(
          new ReceivedMessage(
              envelope.id(),
              envelope.body(),
              ((Long) reply.get(i + 1)).intValue(),
              envelope.enqueuedAt(),
              null,
              null));
    }
    return peeked;
  }

  @Override
  public long purge() {
    return this.<Long>run("purge", PURGE, ScriptOutputType.INTEGER);
  }

  @Override
  public void close() {
    connection.close();
  }

  private <T> T run(String what, LuaScript script, ScriptOutputType type, String... args) {
    return errors.call(what, () -> script.run(connection.commands(), type, keys.all(), args));
  }

  private static void requireNotNegative(String what, Duration duration) {
    if (duration.isNegative()) {
      throw new InvalidInputException("'" + what + "' cannot be negative.");
    }
  }
}
