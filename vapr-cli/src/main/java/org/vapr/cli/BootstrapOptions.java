package org.vapr.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code --bootstrap N --seed S}: the seeded percentile bootstrap behind the eval commands' 95% intervals. */
final class BootstrapOptions {
    @Option(names = "--bootstrap", paramLabel = "N", defaultValue = "1000",
            description = "Bootstrap replicates for the 95%% intervals (default: ${DEFAULT-VALUE}; 0 = none).")
    int samples;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Bootstrap seed (default: ${DEFAULT-VALUE}).")
    long seed;

    /** Refuses a negative {@code --bootstrap} as a usage error. */
    void check(CommandSpec spec) {
        if (samples < 0) {
            throw new ParameterException(spec.commandLine(), "--bootstrap must be 0 or more, got " + samples);
        }
    }
}
