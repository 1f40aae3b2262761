/** The send ledger ({@code deliveries}) and everything that fills and drains it: due-step planning, the send step, MIME, DKIM and SMTP. */
package org.dripline.delivery;
