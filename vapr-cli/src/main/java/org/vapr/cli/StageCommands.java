package org.vapr.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.vapr.pipeline.BuildPipeline;
import org.vapr.pipeline.BuildReport;
import org.vapr.pipeline.Stage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vapr filter|categorize|sample|edit}: one stage of the builder over JSONL, so users can inspect the
 * intermediate files and swap a stage for their own. Running them in turn gives the same bytes as {@code vapr build}.
 */
final class StageCommands {
    private StageCommands() {
    }

    /** What every stage command has: input, output, seed, quiet. */
    abstract static class StageCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        CommonOptions common;

        @Option(names = "--input", required = true, paramLabel = "FILE", description = "The stage's input file.")
        Path input;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
        Path out;

        abstract Stage stage();

        /** Sets the stage's own options; returns the oracle's scenes file, if any. */
        abstract Path configure(BuildPipeline.Builder b) throws Exception;

        @Override
        public Integer call() throws Exception {
            BuildPipeline.Builder b = BuildPipeline.builder()
                    .setInput(input)
                    .setOut(out)
                    .optOnly(stage())
                    .optSeed(common.seed)
                    .optCommandLine(CommandLines.describe(spec));
            Path scenes = configure(b);
            BuildReport report;
            org.vapr.pipeline.run.EditProgress lastEdit;
            try (ProgressDisplay progress = ProgressDisplay.open(stage().id(), "records", -1, common.quiet)) {
                report = b.optProgress(progress::stepTo).optEditProgress(progress::edit).build().run();
                lastEdit = progress.lastEdit();
            }
            BuildSummary.print(spec.commandLine().getOut(), report, scenes, out, lastEdit);
            return ExitCode.OK;
        }
    }

    /** The stages configured by the rules file: filter and categorize. */
    abstract static class RulesStage extends StageCommand {
        @Mixin
        BuildOptions.Rules rules;

        @Override
        Path configure(BuildPipeline.Builder b) {
            b.optRules(rules.rules).optStrict(rules.strict);
            return null;
        }
    }

    @Command(name = "filter", mixinStandardHelpOptions = true,
            description = "Split a LLaVA corpus into QA turns and drop text-only, multiple-choice, bbox and OCR turns: "
                    + "--input corpus -> DIR/turns.jsonl + DIR/dropped.jsonl.")
    static final class Filter extends RulesStage {
        @Override
        Stage stage() {
            return Stage.FILTER;
        }
    }

    @Command(name = "categorize", mixinStandardHelpOptions = true,
            description = "Assign one of the ten categories by the keyword rules: --input turns.jsonl -> DIR/candidates.jsonl + DIR/dropped.jsonl.")
    static final class Categorize extends RulesStage {
        @Override
        Stage stage() {
            return Stage.CATEGORIZE;
        }
    }

    @Command(name = "sample", mixinStandardHelpOptions = true,
            description = "Draw a stratified, seeded, nested sample: --input candidates.jsonl -> DIR/sampled.jsonl.")
    static final class Sample extends StageCommand {
        @Mixin
        BuildOptions.Sampling sampling;

        @Override
        Stage stage() {
            return Stage.SAMPLE;
        }

        @Override
        Path configure(BuildPipeline.Builder b) {
            b.optSize(sampling.size).optDistribution(sampling.distribution);
            return null;
        }
    }

    @Command(name = "edit", mixinStandardHelpOptions = true,
            description = "Extend, edit and validate the sampled turns and export: --input sampled.jsonl -> DIR/pairs.jsonl, exports, manifest.")
    static final class Edit extends StageCommand {
        @Mixin
        BuildOptions.Editing editing;

        @Option(names = "--strict", description = "Fail on a bad record or missing image instead of counting and skipping it.")
        boolean strict;

        @Override
        Stage stage() {
            return Stage.EDIT;
        }

        private EditorWiring wiring;

        @Override
        public Integer call() throws Exception {
            Path imageRoot = editing.images == null ? BuildOptions.parentOf(input) : editing.images;
            try (EditorWiring w = EditorWiring.of(spec, editing, BuildOptions.parentOf(input), imageRoot, strict)) {
                wiring = w;
                if (editing.dryRun) {
                    DryRun.run(spec.commandLine().getOut(), input, out, w, editing);
                    return ExitCode.OK;
                }
                return super.call();
            } finally {
                wiring = null;
            }
        }

        @Override
        Path configure(BuildPipeline.Builder b) throws Exception {
            Path imageRoot = editing.images == null ? BuildOptions.parentOf(input) : editing.images;
            Path scenes = editing.scenesFile(imageRoot);
            wiring.apply(b).optExtendShort(editing.extendShort).optStrict(strict).optImages(imageRoot)
                    .optVerifier(BuildOptions.Editing.verifier(scenes));
            return scenes;
        }
    }
}
