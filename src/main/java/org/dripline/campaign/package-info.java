/** Campaign files: the YAML model, its loader and validator (problems carry file:line:column), and the version of each definition. */
package org.dripline.campaign;
