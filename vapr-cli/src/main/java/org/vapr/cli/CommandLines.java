package org.vapr.cli;

import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** Renders the command as the user typed it, for manifests (commands never take secrets as options). */
final class CommandLines {
    private CommandLines() {
    }

    static String describe(CommandSpec spec) {
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        return "vapr " + String.join(" ", args);
    }
}
