package org.dripline.render;

/** The per-message URLs every footer carries. */
public record MessageLinks(String unsubscribe, String preferences, String webView) {
}
