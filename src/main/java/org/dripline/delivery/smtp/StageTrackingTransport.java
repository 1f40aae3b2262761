package org.dripline.delivery.smtp;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import java.io.IOException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Angus's SMTP transport, remembering whether the end-of-data dot was sent. A failure before that
 * point means the server cannot have accepted the message; after it, only the 250 tells, and a
 * lost reply makes the message ambiguous (invariant 2, docs/architecture.md).
 */
class StageTrackingTransport extends SMTPTransport {

  private boolean dataFinishing;

  StageTrackingTransport(Session session, URLName url) {
    super(session, url, "smtp", false);
  }

  void startMessage() {
    dataFinishing = false;
  }

  boolean dataFinishing() {
    return dataFinishing;
  }

  @Override
  protected void finishData() throws IOException, MessagingException {
    dataFinishing = true;
    super.finishData();
  }
}
