/** The demo behind {@code mvn spring-boot:run}. */
package org.dripline.demo;
