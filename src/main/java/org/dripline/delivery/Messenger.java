package org.dripline.delivery;

import jakarta.mail.internet.MimeMessage;

/**
 * The sending port: opens a connection that a single thread reuses for many messages. The SMTP
 * implementation is the production one; another transport (an API, a queue) would be another.
 */
public interface Messenger {

  Connection connect() throws SendFailure;

  interface Connection extends AutoCloseable {

    /** Returns the server's acceptance reply, or throws saying whether the message may have gone. */
    String send(MimeMessage message) throws SendFailure;

    @Override
    void close();
  }
}
