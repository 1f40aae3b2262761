package org.dripline.delivery.send;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dripline.delivery.Messenger;
import org.dripline.delivery.SendFailure;

/**
 * A scripted messenger: each recipient's sends answer, in turn, with the scripted replies or
 * failures (then 250), and connecting fails as often as scripted. It records what it was given.
 */
final class FakeMessenger implements Messenger {

  static final String OK = "250 2.0.0 queued";

  private final Map<String, Deque<Object>> script = new HashMap<>();
  private final Deque<SendFailure> connectFailures = new ArrayDeque<>();
  /** The recipient of every send that reached a connection, in order. */
  final List<String> attempts = new ArrayList<>();
  int connectAttempts;
  int opened;
  int closed;

  /** The next sends to {@code recipient} answer these, in order: a reply line or a SendFailure to throw. */
  FakeMessenger script(String recipient, Object... outcomes) {
    script.computeIfAbsent(recipient, r -> new ArrayDeque<>()).addAll(List.of(outcomes));
    return this;
  }

  FakeMessenger refuseConnections(int times) {
    for (int i = 0; i < times; i++) {
      connectFailures.add(new SendFailure(SendFailure.Kind.NOT_SENT, null,
          "cannot connect to SMTP server 127.0.0.1:2525: Connection refused", null));
    }
    return this;
  }

  long attemptsTo(String recipient) {
    return attempts.stream().filter(recipient::equals).count();
  }

  @Override
  public Connection connect() throws SendFailure {
    connectAttempts++;
    SendFailure refused = connectFailures.poll();
    if (refused != null) {
      throw refused;
    }
    opened++;
    return new Connection() {
      private boolean open = true;

      @Override
      public String send(String sender, String recipient, byte[] message) throws SendFailure {
        if (!open) {
          throw new IllegalStateException("send on a closed connection");
        }
        attempts.add(recipient);
        Deque<Object> outcomes = script.get(recipient);
        Object outcome = outcomes == null || outcomes.isEmpty() ? OK : outcomes.poll();
        if (outcome instanceof SendFailure failure) {
          throw failure;
        }
        return (String) outcome;
      }

      @Override
      public void close() {
        if (open) {
          open = false;
          closed++;
        }
      }
    };
  }

  static SendFailure deferred(String reply) {
    return new SendFailure(SendFailure.Kind.REJECTED_TEMPORARILY, reply, "server deferred the message: " + reply, null);
  }

  static SendFailure rejected(String reply) {
    return new SendFailure(SendFailure.Kind.REJECTED_PERMANENTLY, reply, "server rejected the message: " + reply, null);
  }

  static SendFailure dropped() {
    return new SendFailure(SendFailure.Kind.NOT_SENT, null,
        "connection to 127.0.0.1:2525 failed before the message was sent: Connection reset", null);
  }

  static SendFailure timedOutAfterData() {
    return new SendFailure(SendFailure.Kind.AMBIGUOUS, null,
        "connection to 127.0.0.1:2525 lost while waiting for the server to accept the message: Read timed out", null);
  }
}
