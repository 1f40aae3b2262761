package org.dripline.tracking;

/**
 * What a signed token may be used for. The purpose is part of the signed text but not of the
 * token, so a click token presented at the unsubscribe URL fails verification.
 */
public enum Purpose {
  OPEN, CLICK, UNSUBSCRIBE, PREFERENCES, WEB_VIEW, CONFIRM,
  /** A delivery's bounce address (VERP), see {@link BounceAddresses}. */
  BOUNCE
}
