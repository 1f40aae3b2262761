/**
 * The public archive of newsletter issues marked {@code archive: true}: the list, each issue rendered for an
 * anonymous reader (no subscriber data, no tracking), and an Atom feed; with the sign-up form of the list.
 */
package org.dripline.archive;
