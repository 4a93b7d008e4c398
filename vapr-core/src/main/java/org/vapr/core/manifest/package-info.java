/** Provenance: the {@code manifest.json} written beside every output, and sorted tallies for its counts. */
package org.vapr.core.manifest;
