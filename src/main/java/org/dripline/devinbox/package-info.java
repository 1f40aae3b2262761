/** The embedded GreenMail inbox of the demo and its page. */
package org.dripline.devinbox;
