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
        BuildReport report;
        try (ProgressDisplay progress = ProgressDisplay.open("build", "records", -1, common.quiet)) {
            report = BuildPipeline.builder()
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
                    .optEditor(editing.editor)
                    .optProgress(progress::stepTo)
                    .optCommandLine(CommandLines.describe(spec))
                    .build()
                    .run();
        }
        BuildSummary.print(spec.commandLine().getOut(), report, scenesFile, out);
        return ExitCode.OK;
    }
}
