package org.vapr.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.vapr.pipeline.BuildPipeline;
import org.vapr.pipeline.BuildReport;
import org.vapr.world.SceneOracle;
import org.vapr.world.SynthOptions;
import org.vapr.world.SynthReport;
import org.vapr.world.WorldSynthesizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vapr demo}: synthesize a world and build a VaPR dataset from it with the rule editor and the oracle. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {
            "Synthesize a small world and build a VaPR dataset from it, checked against the ground truth.",
            "Writes DIR/world (corpus, images, scenes) and DIR/vapr (pairs, exports, manifest) with the offline",
            "rule editor; the world's oracle verifies every rejected answer; prints a one-screen summary."
        })
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "vapr-demo", description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--quick", description = "A smaller world, for CI and a first look.")
    boolean quick;

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        int scenes = quick ? 600 : 3000;
        int pairs = quick ? 300 : 1500;
        Path worldDir = out.resolve("world");
        Path dataDir = out.resolve("vapr");
        o.printf("[1/2] synthesizing a world of %,d scenes in %s%n", scenes, worldDir);
        o.flush();
        SynthOptions options = SynthOptions.defaults().withSamples(scenes).withSeed(common.seed);
        SynthReport world = WorldSynthesizer.synthesize(worldDir, options);
        o.printf("      %,d records, %,d images%n", world.records(), world.images());
        o.printf("[2/2] building %,d VaPR pairs with the rule editor in %s%n", pairs, dataDir);
        o.flush();
        BuildReport report;
        try (ProgressDisplay progress = ProgressDisplay.open("build", "records", -1, common.quiet)) {
            report = BuildPipeline.builder()
                    .setInput(world.corpus())
                    .setOut(dataDir)
                    .optImages(worldDir)
                    .optSize(pairs)
                    .optSeed(common.seed)
                    .optVerifier(SceneOracle.load(world.scenesFile()))
                    .optProgress(progress::stepTo)
                    .optCommandLine(CommandLines.describe(spec))
                    .build()
                    .run();
        }
        BuildSummary.print(o, report, world.scenesFile(), dataDir);
        o.println("next: inspect " + dataDir.resolve("pairs.jsonl") + " (chosen vs rejected) and " + dataDir.resolve("manifest.json"));
        o.flush();
        return ExitCode.OK;
    }
}
