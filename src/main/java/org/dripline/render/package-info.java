/** The sandboxed FreeMarker engine: templates compiled once per run, HTML and text parts. */
package org.dripline.render;
