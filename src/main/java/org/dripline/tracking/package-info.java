/** Everything behind a signed link: opens, clicks, one-click unsubscribe, the preference page and the web view. */
package org.dripline.tracking;
