package org.vapr.cli;

import picocli.CommandLine.Option;

/** Options shared by the commands that do long work: the seed and quiet mode (picocli mixin). */
final class CommonOptions {
    @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
            description = "Random seed; the same input and seed give the same bytes (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar.")
    boolean quiet;
}
