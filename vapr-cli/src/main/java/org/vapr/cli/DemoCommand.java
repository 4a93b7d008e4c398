package org.vapr.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.vapr.analysis.AnalysisSettings;
import org.vapr.analysis.BiasAnalysis;
import org.vapr.analysis.BiasReport;
import org.vapr.analysis.read.SourceFormat;
import org.vapr.analysis.report.HtmlReport;
import org.vapr.analysis.report.MarkdownTable;
import org.vapr.analysis.report.ReportJson;
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
            "rule editor; the world's oracle verifies every rejected answer; prints a one-screen summary; then analyzes",
            "the dataset's style and length biases into DIR/vapr/bias.json and DIR/vapr/bias-report.html."
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
        o.printf("[1/3] synthesizing a world of %,d scenes in %s%n", scenes, worldDir);
        o.flush();
        SynthOptions options = SynthOptions.defaults().withSamples(scenes).withSeed(common.seed);
        SynthReport world = WorldSynthesizer.synthesize(worldDir, options);
        o.printf("      %,d records, %,d images%n", world.records(), world.images());
        o.printf("[2/3] building %,d VaPR pairs with the rule editor in %s%n", pairs, dataDir);
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
        Path pairsFile = dataDir.resolve("pairs.jsonl");
        Path biasJson = dataDir.resolve("bias.json");
        Path biasHtml = dataDir.resolve("bias-report.html");
        o.printf("[3/3] analyzing the style and length biases of %s%n", pairsFile);
        o.flush();
        Map<String, BiasReport> bias = new LinkedHashMap<>();
        bias.put("VaPR demo", BiasAnalysis.analyze(pairsFile, AnalysisSettings.defaults().withFormat(SourceFormat.VAPR)));
        o.print(MarkdownTable.render(bias));
        ReportJson.write(biasJson, ReportJson.of(bias.values().iterator().next()));
        HtmlReport.write(biasHtml, bias);
        o.println("bias json: " + biasJson);
        o.println("bias report: " + biasHtml + " (open it in a browser)");
        o.println("next: inspect " + pairsFile + " (chosen vs rejected), " + biasHtml + " and " + dataDir.resolve("manifest.json"));
        o.flush();
        return ExitCode.OK;
    }
}
