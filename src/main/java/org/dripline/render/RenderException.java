package org.dripline.render;

/** A template failed for one message (or failed to compile); the message says where and why. */
public class RenderException extends RuntimeException {

  public RenderException(String message, Throwable cause) {
    super(message, cause);
  }
}
