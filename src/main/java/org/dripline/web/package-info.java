/** The ops API, the console and the security of the three web doors. */
package org.dripline.web;
