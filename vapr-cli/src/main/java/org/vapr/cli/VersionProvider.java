package org.vapr.cli;

import org.vapr.core.manifest.RunManifest;
import picocli.CommandLine;

/** Supplies {@code vapr --version} from the build's version. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"vapr " + RunManifest.toolVersion() + " (Java " + Runtime.version() + ")"};
    }
}
