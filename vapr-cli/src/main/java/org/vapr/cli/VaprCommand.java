package org.vapr.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code vapr} command; prints help when called without a subcommand. */
@Command(name = "vapr",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "VaPR: hard-negative preference datasets for vision-language models.",
            "Build them from LLaVA-format corpora, or reproduce the paper in a synthetic visual world."
        },
        subcommands = {
            DemoCommand.class,
            SynthCommand.class,
            BuildCommand.class,
            StageCommands.Filter.class,
            StageCommands.Categorize.class,
            StageCommands.Sample.class,
            StageCommands.Edit.class,
            AnalyzeCommand.class,
            CompareCommand.class,
            EvalCommand.class,
            ExportCommand.class,
            TrainCommand.class,
        })
final class VaprCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
