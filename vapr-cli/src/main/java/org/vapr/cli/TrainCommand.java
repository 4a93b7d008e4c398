package org.vapr.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.vapr.analysis.training.TrainingReport;
import org.vapr.analysis.training.TrainingRun;
import org.vapr.core.InputException;
import org.vapr.train.loop.ScheduleShape;
import org.vapr.train.loop.TrainingDivergedException;
import org.vapr.train.objective.DpoLossType;
import org.vapr.train.run.DpoRun;
import org.vapr.train.run.EngineThreads;
import org.vapr.train.run.Overrides;
import org.vapr.train.run.RunControl;
import org.vapr.train.run.SftRun;
import org.vapr.train.run.TrainingPreset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vapr train sft|dpo}: trains the synthetic world's model on DJL/PyTorch (SFT, then DPO with LoRA). */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {
            "Train the synthetic world's vision-language model on the CPU (DJL + PyTorch).",
            "  sft  supervised fine-tuning on a LLaVA-format corpus",
            "  dpo  preference optimisation (sigmoid, ipo, hinge, robust, simpo, sft)",
            "       with LoRA adapters or full fine-tuning",
            "Explicit options override the preset's values. A run that diverges (NaN or",
            "infinite loss or gradient) stops with exit code " + TrainCommand.DIVERGED + "."
        },
        subcommands = {TrainCommand.Sft.class, TrainCommand.Dpo.class, TrainCommand.Report.class})
final class TrainCommand implements Runnable {
    /** Exit code of a run stopped by the divergence guard. */
    static final int DIVERGED = ExitCode.DIVERGED;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The loop options both subcommands share; unset ones take the preset's value. */
    static final class LoopOptions {
        @Option(names = "--preset", paramLabel = "NAME", defaultValue = "world",
                description = "paper-llava, paper-qwen or world (default: ${DEFAULT-VALUE}).")
        String preset;

        @Option(names = "--epochs", paramLabel = "N", description = "Passes over the data.")
        Integer epochs;

        @Option(names = "--lr", paramLabel = "LR", description = "Peak learning rate.")
        Double lr;

        @Option(names = "--batch-size", paramLabel = "N", description = "Examples (rows or pairs) per forward pass.")
        Integer batchSize;

        @Option(names = "--grad-accum", paramLabel = "N",
                description = "Micro-batches per optimizer step (effective batch = batch size x this).")
        Integer gradAccum;

        @Option(names = "--warmup-ratio", paramLabel = "R", description = "Share of the steps spent warming up.")
        Double warmupRatio;

        @Option(names = "--scheduler", paramLabel = "KIND", description = "Decay after warmup: cosine, linear or constant.")
        ScheduleShape scheduler;

        @Option(names = "--max-length", paramLabel = "N", description = "Maximum text tokens per row (capped by the model).")
        Integer maxLength;

        @Option(names = "--max-grad-norm", paramLabel = "X", description = "Clip the global gradient norm (0: off; default 1).")
        Double maxGradNorm;

        @Option(names = "--weight-decay", paramLabel = "X", description = "AdamW decoupled weight decay (default 0).")
        Double weightDecay;

        @Option(names = "--group-by-length", negatable = true,
                description = "Batch rows (pairs) of similar length together: less padding, faster steps (preset world: on; "
                        + "paper presets: off).")
        Boolean groupByLength;

        @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
                description = "PyTorch intra- and inter-op threads (0: PyTorch's default).")
        int threads;

        @Option(names = "--log-every", paramLabel = "N", defaultValue = "1",
                description = "Write metrics.jsonl every N optimizer steps (default: ${DEFAULT-VALUE}).")
        int logEvery;

        @Option(names = "--checkpoint-every", paramLabel = "N", defaultValue = "0",
                description = "Write OUT/checkpoints/step-N/ every N steps (0: none).")
        int checkpointEvery;

        @Option(names = "--resume", description = "Continue from the latest checkpoint in the output directory.")
        boolean resume;

        RunControl control(CommonOptions common, CommandSpec spec) {
            return new RunControl(common.seed, threads, logEvery, checkpointEvery, resume, common.quiet,
                    CommandLines.describe(spec), List.of());
        }
    }

    static void requireDirectory(Path dir, String option) {
        if (!Files.isDirectory(dir)) {
            throw new InputException(dir + ": no such directory (" + option + ")");
        }
    }

    static void requireFile(Path file, String option) {
        if (!Files.isRegularFile(file)) {
            throw new InputException(file + ": no such file (" + option + ")");
        }
    }

    /** Runs a training body, mapping divergence to its exit code and one line on stderr. */
    static int guarded(CommandSpec spec, Callable<Integer> body) throws Exception {
        try {
            return body.call();
        } catch (TrainingDivergedException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("vapr " + spec.qualifiedName(" ").replaceFirst("^vapr ", "") + ": " + e.getMessage());
            err.flush();
            return DIVERGED;
        }
    }

    /** Writes {@code OUT/report.html} and {@code OUT/report.json} for one finished run. */
    static Path writeReport(Path runDir, Path dump) throws java.io.IOException {
        Path html = runDir.resolve("report.html");
        TrainingReport.write(List.of(TrainingRun.read(runDir, dump, runDir.getFileName().toString())), html,
                runDir.resolve("report.json"));
        return html;
    }

    static void printMetrics(PrintWriter o, String label, Map<String, Double> metrics) {
        if (!metrics.isEmpty()) {
            StringBuilder b = new StringBuilder(label);
            metrics.forEach((k, v) -> b.append(String.format(Locale.ROOT, " %s=%.4g", k, v)));
            o.println(b);
        }
    }

    /** {@code vapr train sft}. */
    @Command(name = "sft", mixinStandardHelpOptions = true, sortOptions = false,
            description = {
                "Supervised fine-tuning on a LLaVA-format corpus: every human/gpt turn pair",
                "whose image exists becomes a row; the loss is the cross-entropy of the",
                "answer tokens. A new model gets a tokenizer built from the corpus.",
                "Writes the model directory OUT (config.json, tokenizer.json,",
                "model.safetensors), OUT/metrics.jsonl, OUT/checkpoints/, OUT/manifest.json."
            })
    static final class Sft implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        CommonOptions common;

        @Option(names = "--data", required = true, paramLabel = "FILE", description = "LLaVA-format corpus (JSON array or JSONL).")
        Path data;

        @Option(names = "--images", required = true, paramLabel = "DIR", description = "Image root of the corpus.")
        Path images;

        @Option(names = "--out", required = true, paramLabel = "MODEL_DIR", description = "Model directory to write.")
        Path out;

        @Option(names = "--model", paramLabel = "DIR", description = "Continue from this model (default: a new model).")
        Path model;

        @Option(names = "--eval-data", paramLabel = "FILE", description = "LLaVA-format corpus for eval_loss at each epoch end.")
        Path evalData;

        @Mixin
        LoopOptions loop;

        @Override
        public Integer call() throws Exception {
            EngineThreads.configure(loop.threads);
            requireFile(data, "--data");
            requireDirectory(images, "--images");
            if (evalData != null) {
                requireFile(evalData, "--eval-data");
            }
            if (model != null) {
                requireDirectory(model, "--model");
            }
            Overrides o = new Overrides(loop.epochs, loop.lr, loop.batchSize, loop.gradAccum, loop.warmupRatio,
                    loop.scheduler, loop.maxLength, loop.maxGradNorm, loop.weightDecay, null, null, null, null, null,
                    loop.groupByLength);
            SftRun run = new SftRun(data, images, out, model, evalData, TrainingPreset.named(loop.preset), o,
                    loop.control(common, spec));
            return guarded(spec, () -> {
                SftRun.Result r = run.run();
                PrintWriter p = spec.commandLine().getOut();
                p.printf("sft: %,d rows (%,d records or turns skipped%s), %,d steps%n", r.rows(), r.skipped().total(),
                        r.skipped().isEmpty() ? "" : ": " + r.skipped(), r.steps());
                printMetrics(p, "last:", r.lastMetrics());
                printMetrics(p, "eval:", r.lastEval());
                Path html = writeReport(out, null);
                p.printf("model:    %s%nmetrics:  %s%nreport:   %s%nmanifest: %s%n", out, out.resolve("metrics.jsonl"), html,
                        out.resolve("manifest.json"));
                p.flush();
                return ExitCode.OK;
            });
        }
    }

    /** {@code vapr train dpo}. */
    @Command(name = "dpo", mixinStandardHelpOptions = true, sortOptions = false,
            description = {
                "Direct preference optimisation of a saved model on preference pairs",
                "(VaPR pairs.jsonl or TRL format). The reference is the model with its LoRA",
                "adapters off (a frozen copy with --full); its log-probabilities are",
                "computed once and kept in OUT/reference-logps.jsonl. metrics.jsonl uses",
                "TRL's keys (loss, rewards/chosen, rewards/rejected, rewards/accuracies,",
                "rewards/margins, logps/chosen, logps/rejected; eval_ ones at epoch ends).",
                "Writes OUT/model/ (the policy), OUT/adapter/ (LoRA), OUT/merged/ (--merge),",
                "OUT/metrics.jsonl and OUT/manifest.json."
            })
    static final class Dpo implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        CommonOptions common;

        @Option(names = "--model", required = true, paramLabel = "MODEL_DIR", description = "The model to start from (e.g. vapr train sft's output).")
        Path model;

        @Option(names = "--pairs", required = true, paramLabel = "FILE", description = "Training pairs (JSONL).")
        Path pairs;

        @Option(names = "--images", required = true, paramLabel = "DIR", description = "Image root of the pairs.")
        Path images;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
        Path out;

        @Option(names = "--loss", paramLabel = "LOSS", defaultValue = "sigmoid",
                description = "sigmoid, ipo, hinge, robust, simpo or sft (default: ${DEFAULT-VALUE}).")
        DpoLossType loss;

        @Option(names = "--beta", paramLabel = "B", description = "DPO beta (preset: 0.1).")
        Double beta;

        @Option(names = "--label-smoothing", paramLabel = "EPS", defaultValue = "0",
                description = "Label smoothing for sigmoid (cDPO) and robust, in [0, 0.5) (default: ${DEFAULT-VALUE}).")
        double labelSmoothing;

        @Option(names = "--sft-weight", paramLabel = "W", defaultValue = "0",
                description = "Add W x the chosen answers' token cross-entropy (RPO / pref_ftx) (default: ${DEFAULT-VALUE}).")
        double sftWeight;

        @Option(names = "--conditional-weight", paramLabel = "W", defaultValue = "0",
                description = "Add W x mDPO's conditional preference over the pairs whose pairs.jsonl line names a "
                        + "contrast_image (an image on which the chosen answer is wrong): the chosen answer must gain more "
                        + "on its own image than on the contrast image (default: ${DEFAULT-VALUE}).")
        double conditionalWeight;

        @Option(names = "--anchor-weight", paramLabel = "W", defaultValue = "0",
                description = "Add W x mDPO's anchored preference over every pair: the chosen answer's log-probability "
                        + "must rise above the reference's (plain DPO may lower both answers) (default: ${DEFAULT-VALUE}).")
        double anchorWeight;

        @Option(names = "--blank-contrast",
                description = "With --conditional-weight: pairs whose line names no contrast_image are contrasted with a "
                        + "blank (uniform gray) image, so the chosen answer must be likelier with its image than without "
                        + "one; for datasets that have no contrast images (mDPO masks the image out instead).")
        boolean blankContrast;

        @Option(names = "--simpo-gamma", paramLabel = "G", defaultValue = "0.5",
                description = "SimPO target margin (default: ${DEFAULT-VALUE}).")
        double simpoGamma;

        @Option(names = "--lora-rank", paramLabel = "R", description = "LoRA rank.")
        Integer loraRank;

        @Option(names = "--lora-alpha", paramLabel = "A", description = "LoRA alpha.")
        Double loraAlpha;

        @Option(names = "--lora-dropout", paramLabel = "P", description = "LoRA dropout.")
        Double loraDropout;

        @Option(names = "--lora-targets", paramLabel = "M", split = ",",
                description = "LoRA target modules, comma-separated: q,k,v,o,gate,up,down,proj.")
        List<String> loraTargets;

        @Option(names = "--full", description = "Full fine-tuning instead of LoRA.")
        boolean full;

        @Option(names = "--merge", description = "Also save OUT/merged/: the adapters merged into the weights.")
        boolean merge;

        @Option(names = "--dump-pairs", paramLabel = "FILE",
                description = "Per pair and epoch: policy and reference log-probabilities (train: a pass at the epoch end; eval: the eval pass).")
        Path dumpPairs;

        @Option(names = "--eval-pairs", paramLabel = "FILE", description = "Evaluation pairs, scored at each epoch end (eval_ metrics).")
        Path evalPairs;

        @Mixin
        LoopOptions loop;

        @Override
        public Integer call() throws Exception {
            EngineThreads.configure(loop.threads);
            if (full && (loraRank != null || loraAlpha != null || loraDropout != null || loraTargets != null)) {
                throw new IllegalArgumentException("--full trains every weight; it cannot be combined with --lora-* options");
            }
            if (full && merge) {
                throw new IllegalArgumentException("--merge applies to LoRA adapters; --full has none");
            }
            requireDirectory(model, "--model");
            requireFile(pairs, "--pairs");
            requireDirectory(images, "--images");
            if (evalPairs != null) {
                requireFile(evalPairs, "--eval-pairs");
            }
            Overrides o = new Overrides(loop.epochs, loop.lr, loop.batchSize, loop.gradAccum, loop.warmupRatio,
                    loop.scheduler, loop.maxLength, loop.maxGradNorm, loop.weightDecay, loraRank, loraAlpha, loraDropout,
                    loraTargets, beta, loop.groupByLength);
            DpoRun run = DpoRun.builder().setModel(model).setPairs(pairs).setImages(images).setOut(out)
                    .setPreset(TrainingPreset.named(loop.preset)).setControl(loop.control(common, spec))
                    .optEvalPairs(evalPairs).optDumpPairs(dumpPairs).optLoss(loss).optLabelSmoothing(labelSmoothing)
                    .optSftWeight(sftWeight).optConditionalWeight(conditionalWeight).optAnchorWeight(anchorWeight)
                    .optBlankContrast(blankContrast).optSimpoGamma(simpoGamma).optFull(full).optMerge(merge)
                    .optOverrides(o).build();
            run.loopSettings();
            run.dpoSettings();
            run.loraConfig();
            return guarded(spec, () -> {
                DpoRun.Result r = run.run();
                PrintWriter p = spec.commandLine().getOut();
                p.printf("dpo: %,d pairs (%,d skipped), %,d eval pairs, %,d steps, reference %s%n", r.pairs(),
                        r.skipped().total(), r.evalPairs(), r.steps(), r.referenceReused() ? "reused from cache" : "computed");
                printMetrics(p, "last:", r.lastMetrics());
                printMetrics(p, "eval:", r.lastEval());
                Path html = writeReport(out, dumpPairs);
                p.printf("policy:   %s%nmetrics:  %s%nreport:   %s%nmanifest: %s%n", out.resolve("model"),
                        out.resolve("metrics.jsonl"), html, out.resolve("manifest.json"));
                if (dumpPairs != null) {
                    p.printf("dump:     %s%n", dumpPairs);
                }
                p.flush();
                return ExitCode.OK;
            });
        }
    }

    /** {@code vapr train report}: one HTML page for one or several runs. */
    @Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
            description = {
                "Training report of one or several SFT/DPO runs: loss, rewards/chosen, rewards/rejected,",
                "rewards/accuracies, margins and learning rate over the steps (eval points included), and",
                "with a pair dump the Delta-ref and Delta-theta histograms (paper eq. 3, section 6.4).",
                "Several runs are overlaid (reward-accuracy curves, Delta-ref distributions).",
                "Each RUN is a run directory (with metrics.jsonl), optionally RUN=LABEL."
            })
    static final class Report implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "RUN[=LABEL]", description = "Run directories, in colour order.")
        List<String> runs;

        @Option(names = "--dump-pairs", paramLabel = "FILE", split = ",",
                description = "Pair dumps, one per run in the same order (comma-separated; '-' for none).")
        List<String> dumps = List.of();

        @Option(names = "--out", required = true, paramLabel = "FILE.html", description = "HTML file to write.")
        Path out;

        @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON.")
        Path json;

        @Override
        public Integer call() throws Exception {
            if (!dumps.isEmpty() && dumps.size() != runs.size()) {
                throw new IllegalArgumentException("--dump-pairs: " + dumps.size() + " dump(s) for " + runs.size()
                        + " run(s); give one per run ('-' for none)");
            }
            List<TrainingRun> read = new java.util.ArrayList<>();
            for (int i = 0; i < runs.size(); i++) {
                String spec0 = runs.get(i);
                int eq = spec0.indexOf('=');
                Path dir = Path.of(eq < 0 ? spec0 : spec0.substring(0, eq));
                requireDirectory(dir, "RUN");
                String label = eq < 0 ? String.valueOf(dir.toAbsolutePath().normalize().getFileName()) : spec0.substring(eq + 1);
                Path dump = dumps.isEmpty() || "-".equals(dumps.get(i)) ? null : Path.of(dumps.get(i));
                if (dump != null) {
                    requireFile(dump, "--dump-pairs");
                }
                read.add(TrainingRun.read(dir, dump, label));
            }
            if (json == null) {
                TrainingReport.write(read, out);
            } else {
                TrainingReport.write(read, out, json);
            }
            PrintWriter p = spec.commandLine().getOut();
            p.printf("report: %s (%d run%s)%n", out, read.size(), read.size() == 1 ? "" : "s");
            if (json != null) {
                p.printf("json:   %s%n", json);
            }
            p.flush();
            return ExitCode.OK;
        }
    }
}
