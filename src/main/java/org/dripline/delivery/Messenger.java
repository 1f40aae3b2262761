package org.dripline.delivery;

/**
 * The sending port: opens a connection that a single thread reuses for many messages. The SMTP
 * implementation (delivery.smtp, over the configured {@link MailServers}) is the production one;
 * another transport (an API, a queue) would be another. Messages go as finished bytes: composing
 * and signing them is done before, and nothing here knows how.
 */
public interface Messenger {

  /** A connection to the next server in turn; fails with {@link SendFailure.Kind#NOT_SENT} when none answers. */
  Connection connect() throws SendFailure;

  interface Connection extends AutoCloseable {

    /**
     * Sends one message: {@code message} is the whole message as it goes on the wire (headers,
     * blank line, body; CRLF line ends), {@code sender} the envelope sender (MAIL FROM) and
     * {@code recipient} the one envelope recipient (RCPT TO).
     *
     * @return the server's acceptance reply (the 250 line)
     * @throws SendFailure saying whether the message may have gone ({@link SendFailure.Kind})
     */
    String send(String sender, String recipient, byte[] message) throws SendFailure;

    @Override
    void close();
  }
}
