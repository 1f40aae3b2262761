package org.dripline.infra;

import jakarta.servlet.http.HttpServletResponse;

/** Headers for the pages a subscriber reaches through a signed link or a sign-up form. */
public final class PrivatePages {

  private PrivatePages() {
  }

  /**
   * Tokens are in the URL: keep them out of Referer headers, caches and search engines; and no
   * other site may frame these one-button pages (clickjacking an unsubscribe).
   */
  public static void protect(HttpServletResponse response) {
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("Content-Security-Policy", "frame-ancestors 'none'");
    response.setHeader("X-Robots-Tag", "noindex");
    response.setHeader("Cache-Control", "no-store");
  }
}
