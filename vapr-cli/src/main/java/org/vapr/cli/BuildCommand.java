package org.vapr.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.vapr.pipeline.BuildPipeline;
import org.vapr.pipeline.BuildReport;
import org.vapr.pipeline.Stage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vapr build}: LLaVA-format corpus → VaPR preference pairs, exports and manifest. */
@Command(name = "build", mixinStandardHelpOptions = true,
        description = {
            "Build a VaPR preference dataset: filter -> categorize -> sample -> edit (hard negatives) -> validate -> export.",
            "Writes DIR/pairs.jsonl, DIR/trl/, DIR/llamafactory/, DIR/llava-next/ and DIR/manifest.json."
        })
final class BuildCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    BuildOptions.Rules rules;

    @Mixin
    BuildOptions.Sampling sampling;

    @Mixin
    BuildOptions.Editing editing;

    @Option(names = "--input", required = true, paramLabel = "FILE",
            description = "LLaVA-format corpus: a JSON array (llava_v1_5_mix665k.json) or JSONL of the same records.")
    Path input;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Option(names = "--stages", paramLabel = "LIST", defaultValue = "filter,categorize,sample,edit",
            description = "A prefix of filter,categorize,sample,edit; stopping early writes that stage's JSONL (default: all).")
    String stages;

    @Override
    public Integer call() throws Exception {
        List<Stage> stageList = Stage.parsePrefix(stages);
        Path imageRoot = editing.images == null ? BuildOptions.parentOf(input) : editing.images;
        Path scenesFile = stageList.contains(Stage.EDIT) ? editing.scenesFile(imageRoot) : null;
        try (EditorWiring wiring = EditorWiring.of(spec, editing, BuildOptions.parentOf(input), imageRoot, rules.strict)) {
            if (editing.dryRun) {
                return dryRun(wiring);
            }
            BuildReport report;
            org.vapr.pipeline.run.EditProgress lastEdit;
            try (ProgressDisplay progress = ProgressDisplay.open("build", "records", -1, common.quiet)) {
                BuildPipeline.Builder b = BuildPipeline.builder()
                        .setInput(input)
                        .setOut(out)
                        .optImages(imageRoot)
                        .optSize(sampling.size)
                        .optSeed(common.seed)
                        .optStages(stageList)
                        .optStrict(rules.strict)
                        .optExtendShort(editing.extendShort)
                        .optRules(rules.rules)
                        .optDistribution(sampling.distribution)
                        .optVerifier(BuildOptions.Editing.verifier(scenesFile))
                        .optProgress(progress::stepTo)
                        .optEditProgress(progress::edit)
                        .optCommandLine(CommandLines.describe(spec));
                report = wiring.apply(b).build().run();
                lastEdit = progress.lastEdit();
            }
            BuildSummary.print(spec.commandLine().getOut(), report, scenesFile, out, lastEdit);
        }
        return ExitCode.OK;
    }

    /** Samples into a scratch directory, estimates the edit stage and writes {@code out/dry-run.json}. */
    private int dryRun(EditorWiring wiring) throws Exception {
        Path scratch = java.nio.file.Files.createTempDirectory("vapr-dry-run");
        try {
            BuildPipeline.builder()
                    .setInput(input)
                    .setOut(scratch)
                    .optSize(sampling.size)
                    .optSeed(common.seed)
                    .optStages(List.of(Stage.FILTER, Stage.CATEGORIZE, Stage.SAMPLE))
                    .optStrict(rules.strict)
                    .optRules(rules.rules)
                    .optDistribution(sampling.distribution)
                    .build()
                    .run();
            DryRun.run(spec.commandLine().getOut(), scratch.resolve(Stage.SAMPLE.outputFile()), out, wiring, editing);
        } finally {
            try (java.util.stream.Stream<Path> s = java.nio.file.Files.walk(scratch)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    java.nio.file.Files.deleteIfExists(p);
                }
            }
        }
        return ExitCode.OK;
    }
}
