package org.dripline;

import org.springframework.beans.BeanInstantiationException;
import org.springframework.beans.BeansException;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.core.NestedExceptionUtils;

/** What went wrong at start, in words: the first cause that is not Spring's wrapping of it. */
final class StartupFailure {

  private StartupFailure() {
  }

  static String describe(Throwable failure) {
    Throwable cause = failure;
    while (cause instanceof BeansException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof BindException bind) {
      return describe(bind);
    }
    String message = message(cause);
    Throwable detail = cause.getCause();
    if (detail != null && detail != cause && !message.contains(message(detail))) {
      message += " (" + message(detail) + ")";
    }
    return message;
  }

  /**
   * A settings record that refused a value says which key and why in its own message; a value
   * that does not even convert (a word for a number) is named by the binder's message.
   */
  private static String describe(BindException bind) {
    for (Throwable cause = bind; cause != null; cause = cause.getCause()) {
      if (cause instanceof BeanInstantiationException && cause.getCause() != null) {
        return message(cause.getCause());
      }
    }
    Throwable root = NestedExceptionUtils.getMostSpecificCause(bind);
    return root == bind ? message(bind) : message(bind) + " (" + message(root) + ")";
  }

  private static String message(Throwable t) {
    return t.getMessage() == null || t.getMessage().isBlank() ? t.getClass().getSimpleName() : t.getMessage().strip();
  }
}
