/** {@code bounceJob}: DSNs, text bounces, ARF complaints and mailto unsubscribes from the bounce mailbox. */
package org.dripline.bounce;
