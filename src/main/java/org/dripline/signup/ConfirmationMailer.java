package org.dripline.signup;

import org.dripline.delivery.SendFailure;
import org.dripline.delivery.TransactionalMail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.core.task.TaskExecutor;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.stereotype.Component;

/**
 * Sends the double opt-in confirmation like every other message (same servers, DKIM), in the
 * background on purpose: a sign-up for a new address then takes as long as one for a known
 * address, and a mail that cannot go out changes nothing in the answer either. The executor is
 * Spring Boot's application task executor, shut down with the context.
 */
@Component
class ConfirmationMailer {

  private static final Logger log = LoggerFactory.getLogger(ConfirmationMailer.class);

  private final TransactionalMail mail;
  private final TaskExecutor executor;
  private final SignupSettings settings;

  ConfirmationMailer(TransactionalMail mail,
      @Qualifier(TaskExecutionAutoConfiguration.APPLICATION_TASK_EXECUTOR_BEAN_NAME) TaskExecutor executor,
      SignupSettings settings) {
    this.mail = mail;
    this.executor = executor;
    this.settings = settings;
  }

  /** {@code listName}: the list the link confirms, or null for the series sign-up. */
  void sendLater(String to, String firstName, String confirmUrl, String listName) {
    try {
      executor.execute(() -> send(to, firstName, confirmUrl, listName));
    } catch (TaskRejectedException e) {
      // the context is closing: the visitor still gets the same answer
      log.warn("confirmation mail to {} not sent: {}", to, e.getMessage());
    }
  }

  private void send(String to, String firstName, String confirmUrl, String listName) {
    try {
      mail.send(ConfirmationMail.of(settings, to, firstName, confirmUrl, listName));
    } catch (SendFailure | RuntimeException e) {
      log.warn("confirmation mail to {} failed: {}", to, e.getMessage());
    }
  }
}
