/** CSV import and export of subscribers, exposed to the CLI and the demo. */
@NamedInterface("importing")
package org.dripline.subscriber.importing;

import org.springframework.modulith.NamedInterface;
