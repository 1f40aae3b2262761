package org.dripline.bounce.providers;

import java.io.IOException;
import java.net.URI;

/**
 * GETs from Amazon SNS: the signing certificate a message names and the SubscribeURL of a
 * subscription request. Only ever called with a URI {@link SnsVerifier#snsUri} accepted (https, a
 * {@code sns.<region>} host of AWS). A bean, so that tests serve their own certificate: the
 * verification around it is the real one.
 */
interface SnsFetcher {

  /** The response body of a 200; anything else is an IOException. */
  byte[] get(URI uri) throws IOException;
}
