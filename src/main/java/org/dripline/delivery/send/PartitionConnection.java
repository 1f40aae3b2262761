package org.dripline.delivery.send;

import java.time.Duration;
import org.dripline.delivery.Messenger;
import org.dripline.delivery.SendFailure;
import org.dripline.delivery.mime.ComposedMessage;

/**
 * The one connection a sending thread keeps: opened when first needed, recycled every
 * {@code messagesPerConnection} messages, dropped after any failure, and re-opened with the
 * policy's backoff when it fails before a message was complete.
 */
final class PartitionConnection implements AutoCloseable {

  /** How the thread waits before reconnecting; tests wait for nothing. */
  interface Pause {
    Pause SLEEP = delay -> {
      try {
        Thread.sleep(delay.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };

    void pause(Duration delay);
  }

  private final Messenger messenger;
  private final SmtpFailurePolicy policy;
  private final int messagesPerConnection;
  private final Pause pause;
  private Messenger.Connection connection;
  private int sentOnConnection;

  PartitionConnection(Messenger messenger, SmtpFailurePolicy policy, int messagesPerConnection, Pause pause) {
    this.messenger = messenger;
    this.policy = policy;
    this.messagesPerConnection = messagesPerConnection;
    this.pause = pause;
  }

  /** Returns the server's acceptance reply, or throws the failure the policy does not retry. */
  String send(ComposedMessage message) throws SendFailure {
    for (int failures = 0; ; failures++) {
      try {
        String reply = connection().send(message.sender(), message.recipient(), message.bytes());
        recycleIfDue();
        return reply;
      } catch (SendFailure failure) {
        Duration delay = policy.reconnectDelay(failure, failures);
        if (delay == null) {
          throw failure;
        }
        drop();
        pause.pause(delay);
      }
    }
  }

  /** Closes the connection; the next message opens a new one. */
  void drop() {
    if (connection != null) {
      connection.close();
      connection = null;
    }
  }

  @Override
  public void close() {
    drop();
  }

  private Messenger.Connection connection() throws SendFailure {
    if (connection == null) {
      connection = messenger.connect();
      sentOnConnection = 0;
    }
    return connection;
  }

  private void recycleIfDue() {
    if (messagesPerConnection > 0 && ++sentOnConnection >= messagesPerConnection) {
      drop();
    }
  }
}
