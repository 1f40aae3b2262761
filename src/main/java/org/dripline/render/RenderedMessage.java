package org.dripline.render;

/** One subscriber's copy of one step: header-safe subject, HTML document, plain text. */
public record RenderedMessage(String subject, String preheader, String html, String text) {
}
