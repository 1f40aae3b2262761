package org.dripline;

import org.springframework.beans.BeansException;

/** What went wrong at start, in words: the first cause that is not Spring's wrapping of it. */
final class StartupFailure {

  private StartupFailure() {
  }

  static String describe(Throwable failure) {
    Throwable cause = failure;
    while (cause instanceof BeansException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    String message = message(cause);
    Throwable detail = cause.getCause();
    if (detail != null && detail != cause && !message.contains(message(detail))) {
      message += " (" + message(detail) + ")";
    }
    return message;
  }

  private static String message(Throwable t) {
    return t.getMessage() == null || t.getMessage().isBlank() ? t.getClass().getSimpleName() : t.getMessage().strip();
  }
}
