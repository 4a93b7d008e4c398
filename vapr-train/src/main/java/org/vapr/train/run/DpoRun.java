package org.vapr.train.run;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vapr.core.InputException;
import org.vapr.core.manifest.RunManifest;
import org.vapr.core.manifest.Tally;
import org.vapr.train.data.EncodedPair;
import org.vapr.train.data.RowCollator;
import org.vapr.train.data.TurnEncoder;
import org.vapr.train.loop.AdamWSettings;
import org.vapr.train.loop.AppendLog;
import org.vapr.train.loop.CheckpointWriter;
import org.vapr.train.loop.DivergenceGuard;
import org.vapr.train.loop.LoopSettings;
import org.vapr.train.loop.MetricsFileWriter;
import org.vapr.train.loop.ProgressListener;
import org.vapr.train.loop.TrainingListener;
import org.vapr.train.loop.TrainingLoop;
import org.vapr.train.model.LoraConfig;
import org.vapr.train.model.PixelCache;
import org.vapr.train.model.WorldCollator;
import org.vapr.train.model.WorldVlm;
import org.vapr.train.objective.DpoEpochEvaluation;
import org.vapr.train.objective.DpoLoss;
import org.vapr.train.objective.DpoLossType;
import org.vapr.train.objective.DpoObjective;
import org.vapr.train.objective.DpoSettings;
import org.vapr.train.objective.PairScore;
import org.vapr.train.objective.PairScorer;
import org.vapr.train.objective.ReferenceCache;

/**
 * DPO of a saved world model on preference pairs, with LoRA adapters (default) or full fine-tuning. The reference is the
 * same model with its adapters disabled (LoRA) or a frozen copy loaded again from {@code model} (full); its
 * log-probabilities are computed once before training and kept in {@code OUT/reference-logps.jsonl}, which a resumed
 * run reuses. Writes into {@code out}: {@code model/} (the trained policy, loadable with {@link WorldVlm#load}: base
 * weights plus adapters), {@code adapter/} (the adapters alone, LoRA), {@code merged/} ({@code --merge}: adapters merged
 * into the weights), {@code metrics.jsonl}, {@code reference-logps.jsonl}, {@code checkpoints/}, {@code manifest.json},
 * and the pair dump where asked.
 *
 * <p>Dump: at each epoch end, one line per training pair ({@code split} train) from a full pass without dropout at the
 * end of that epoch — not the log-probabilities of the training forward passes, which saw the policy at different
 * steps — and one per evaluation pair ({@code split} eval) from the evaluation pass whose numbers the {@code eval_}
 * metrics are computed from.
 *
 * @param model     the model directory to start from
 * @param pairs     training pairs (VaPR {@code pairs.jsonl} or TRL format)
 * @param images    image root of the pairs
 * @param out       output directory
 * @param evalPairs evaluation pairs, or {@code null}
 * @param dumpPairs the pair dump file, or {@code null}
 * @param loss      the DPO loss
 * @param labelSmoothing ε
 * @param sftWeight weight of the added SFT term
 * @param conditionalWeight weight of mDPO's conditional term over the pairs that name a {@code contrast_image}
 * @param anchorWeight weight of mDPO's anchored term over every pair (the chosen answer above the reference)
 * @param blankContrast give the pairs without a {@code contrast_image} a blank (uniform mid-gray) one, so the
 *                  conditional term covers every pair: no picture, as mDPO's released trainer masks the image out
 * @param simpoGamma SimPO's γ
 * @param full      full fine-tuning instead of LoRA
 * @param merge     also save a merged model (LoRA)
 */
public record DpoRun(Path model, Path pairs, Path images, Path out, Path evalPairs, Path dumpPairs, DpoLossType loss,
                     double labelSmoothing, double sftWeight, double conditionalWeight, double anchorWeight, boolean blankContrast, double simpoGamma, boolean full, boolean merge,
                     TrainingPreset preset, Overrides overrides, RunControl control) {

    /** A builder: {@code setX} for what a run needs, {@code optX} for what has a default. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds a {@link DpoRun}. Required: {@link #setModel}, {@link #setPairs}, {@link #setImages}, {@link #setOut},
     * {@link #setPreset} and {@link #setControl}; the rest defaults to TRL's sigmoid DPO without extra terms, LoRA, no
     * evaluation pairs, no dump and no overrides.
     */
    public static final class Builder {
        private Path model;
        private Path pairs;
        private Path images;
        private Path out;
        private Path evalPairs;
        private Path dumpPairs;
        private DpoLossType loss = DpoLossType.SIGMOID;
        private double labelSmoothing;
        private double sftWeight;
        private double conditionalWeight;
        private double anchorWeight;
        private boolean blankContrast;
        private double simpoGamma = DpoSettings.DEFAULT_SIMPO_GAMMA;
        private boolean full;
        private boolean merge;
        private TrainingPreset preset;
        private Overrides overrides = Overrides.none();
        private RunControl control;

        private Builder() {
        }

        /** The starting model directory (the policy, and the reference). */
        public Builder setModel(Path model) {
            this.model = model;
            return this;
        }

        /** The training pairs (VaPR {@code pairs.jsonl} or TRL format). */
        public Builder setPairs(Path pairs) {
            this.pairs = pairs;
            return this;
        }

        /** The image root of the pairs. */
        public Builder setImages(Path images) {
            this.images = images;
            return this;
        }

        /** The output directory. */
        public Builder setOut(Path out) {
            this.out = out;
            return this;
        }

        /** The training preset (the overrides apply on top). */
        public Builder setPreset(TrainingPreset preset) {
            this.preset = preset;
            return this;
        }

        /** Seed, logging, checkpoints, resume and listeners. */
        public Builder setControl(RunControl control) {
            this.control = control;
            return this;
        }

        /** Evaluation pairs, scored at each epoch end (default: none). */
        public Builder optEvalPairs(Path evalPairs) {
            this.evalPairs = evalPairs;
            return this;
        }

        /** The pair dump file (default: none). */
        public Builder optDumpPairs(Path dumpPairs) {
            this.dumpPairs = dumpPairs;
            return this;
        }

        /** The loss (default: sigmoid). */
        public Builder optLoss(DpoLossType loss) {
            this.loss = loss;
            return this;
        }

        /** cDPO / robust label smoothing ε (default 0). */
        public Builder optLabelSmoothing(double labelSmoothing) {
            this.labelSmoothing = labelSmoothing;
            return this;
        }

        /** Weight of the added SFT term (default 0). */
        public Builder optSftWeight(double sftWeight) {
            this.sftWeight = sftWeight;
            return this;
        }

        /** Weight of mDPO's conditional term over the pairs with a contrast image (default 0). */
        public Builder optConditionalWeight(double conditionalWeight) {
            this.conditionalWeight = conditionalWeight;
            return this;
        }

        /** Weight of mDPO's anchored term (default 0). */
        public Builder optAnchorWeight(double anchorWeight) {
            this.anchorWeight = anchorWeight;
            return this;
        }

        /** Give the pairs without a contrast image a blank one (default false). */
        public Builder optBlankContrast(boolean blankContrast) {
            this.blankContrast = blankContrast;
            return this;
        }

        /** SimPO's γ (default 0.5). */
        public Builder optSimpoGamma(double simpoGamma) {
            this.simpoGamma = simpoGamma;
            return this;
        }

        /** Full fine-tuning instead of LoRA (default false). */
        public Builder optFull(boolean full) {
            this.full = full;
            return this;
        }

        /** Also save a merged model (LoRA; default false). */
        public Builder optMerge(boolean merge) {
            this.merge = merge;
            return this;
        }

        /** Overrides of the preset's values (default: none). */
        public Builder optOverrides(Overrides overrides) {
            this.overrides = overrides;
            return this;
        }

        /** The run; a required setting left unset is an {@link IllegalStateException} naming it. */
        public DpoRun build() {
            require(model, "model");
            require(pairs, "pairs");
            require(images, "images");
            require(out, "out");
            require(preset, "preset");
            require(control, "control");
            return new DpoRun(model, pairs, images, out, evalPairs, dumpPairs, loss, labelSmoothing, sftWeight,
                    conditionalWeight, anchorWeight, blankContrast, simpoGamma, full, merge, preset, overrides, control);
        }

        private static void require(Object value, String name) {
            if (value == null) {
                throw new IllegalStateException("DpoRun.Builder: " + name + " is not set");
            }
        }
    }

    /** What a run did. */
    public record Result(int pairs, int evalPairs, Tally skipped, long steps, boolean referenceReused,
                         Map<String, Double> lastMetrics, Map<String, Double> lastEval, Path out) {
    }

    /** The loop settings after applying the overrides to the preset. */
    public LoopSettings loopSettings() {
        Overrides o = overrides;
        return new LoopSettings(Overrides.pick(o.epochs(), preset.dpoEpochs()),
                Overrides.pick(o.batchSize(), preset.dpoMicroBatch()), Overrides.pick(o.gradAccum(), preset.dpoGradAccum()),
                Overrides.pick(o.learningRate(), preset.dpoLr()), Overrides.pick(o.warmupRatio(), preset.dpoWarmup()),
                Overrides.pick(o.scheduler(), preset.schedule()), Overrides.pick(o.maxGradNorm(), 1.0),
                new AdamWSettings(0.9, 0.999, 1e-8, Overrides.pick(o.weightDecay(), 0.0)), control.seed(),
                control.logEvery(), control.checkpointEvery(), Overrides.pick(o.groupByLength(), preset.groupByLength()));
    }

    /** The objective's settings after applying the overrides to the preset. */
    public DpoSettings dpoSettings() {
        return new DpoSettings(loss, Overrides.pick(overrides.beta(), preset.beta()), labelSmoothing, simpoGamma, sftWeight,
                conditionalWeight, anchorWeight);
    }

    /** The LoRA settings after applying the overrides to the preset, or {@code null} with {@link #full}. */
    public LoraConfig loraConfig() {
        if (full) {
            return null;
        }
        Overrides o = overrides;
        return new LoraConfig(Overrides.pick(o.loraRank(), preset.loraRank()), Overrides.pick(o.loraAlpha(), preset.loraAlpha()),
                Overrides.pick(o.loraDropout(), preset.loraDropout()), Overrides.pick(o.loraTargets(), preset.loraTargets()));
    }

    /** Trains and writes the outputs. */
    public Result run() throws IOException {
        if (blankContrast && !(conditionalWeight > 0)) {
            throw new IllegalArgumentException("--blank-contrast gives the conditional term its images: it needs "
                    + "--conditional-weight above 0");
        }
        LoopSettings loop = loopSettings();
        DpoLoss dpo = new DpoLoss(dpoSettings());
        LoraConfig lora = loraConfig();
        if (!Files.isRegularFile(model.resolve("config.json"))) {
            throw new InputException(model + ": not a model directory (no config.json)");
        }
        Files.createDirectories(out);
        RunManifest.invalidate(out);
        RunManifest manifest = RunManifest.start(control.command());
        Path resumeFrom = SftRun.resumePoint(out, control.resume());
        Tally skipped = new Tally();
        List<PreferenceText> train = PairsFile.read(pairs, images, skipped);
        if (train.isEmpty()) {
            throw new InputException(pairs + ": no usable pair (no pairs, or no image found under " + images + ")");
        }
        Tally evalSkipped = new Tally();
        List<PreferenceText> eval = evalPairs == null ? List.of() : PairsFile.read(evalPairs, images, evalSkipped);
        long blankContrastPairs = 0;
        if (blankContrast) {
            Path blank = BlankImage.write(out.resolve(BlankImage.FILE));
            blankContrastPairs = train.stream().filter(p -> p.contrastImage() == null).count();
            train = BlankImage.fillIn(train, blank);
            eval = BlankImage.fillIn(eval, blank);
        }
        try (WorldVlm policy = WorldVlm.load(model); NDManager scratch = NDManager.newBaseManager()) {
            if (lora == null && policy.hasAdapters()) {
                throw new InputException(model + ": has LoRA adapters; --full needs a plain model (train dpo --merge writes one)");
            }
            if (lora != null) {
                if (policy.hasAdapters()) {
                    throw new InputException(model + ": already has LoRA adapters; merge them first (train dpo --merge) or use --full");
                }
                policy.addAdapters(lora, control.seed());
            }
            long trainableCount = policy.trainableParameterCount();
            int maxLength = Math.min(Overrides.pick(overrides.maxLength(), preset.maxLength()), policy.config().maxTextLength());
            RowCollator collator = new WorldCollator(policy.config().imageSize(), policy.tokenizer().padId(), maxLength,
                    new PixelCache(policy.config().imageSize(), 4096));
            TurnEncoder encoder = policy.encoder();
            // contrast images only cost forward rows when the conditional term uses them
            List<EncodedPair> trainPairs = encode(train, encoder, conditionalWeight > 0);
            List<EncodedPair> evalEncoded = encode(eval, encoder, conditionalWeight > 0);
            PairScorer scorer = new PairScorer(collator, loop.microBatch());

            List<String> ids = new ArrayList<>();
            trainPairs.forEach(p -> ids.add(p.id()));
            evalEncoded.forEach(p -> ids.add(p.id()));
            Path cacheFile = out.resolve(ReferenceCache.FILE);
            Optional<List<PairScore>> cached = resumeFrom != null ? ReferenceCache.read(cacheFile, ids) : Optional.empty();
            List<PairScore> reference;
            if (cached.isPresent()) {
                reference = cached.get();
            } else {
                List<EncodedPair> all = new ArrayList<>(trainPairs);
                all.addAll(evalEncoded);
                reference = referenceScores(policy, lora != null, scorer, all, scratch);
                ReferenceCache.write(cacheFile, reference);
            }
            List<PairScore> trainRef = reference.subList(0, trainPairs.size());
            List<PairScore> evalRef = reference.subList(trainPairs.size(), reference.size());

            LastMetrics last = new LastMetrics();
            long steps;
            try (AppendLog metrics = AppendLog.open(out.resolve("metrics.jsonl"));
                 AppendLog dump = dumpPairs == null ? null : AppendLog.open(dumpPairs)) {
                List<TrainingListener> listeners = new ArrayList<>(List.of(new DivergenceGuard(),
                        new MetricsFileWriter(metrics), last, new ProgressListener("dpo", control.quiet())));
                if (loop.checkpointEvery() > 0) {
                    listeners.add(new CheckpointWriter(out, loop.checkpointEvery()));
                }
                listeners.addAll(control.extraListeners());
                DpoEpochEvaluation evaluation = dump == null && evalEncoded.isEmpty() ? null
                        : new DpoEpochEvaluation(policy, scorer, dpo, trainPairs, trainRef, evalEncoded, evalRef, dump);
                TrainingLoop trainingLoop = new TrainingLoop(policy, new DpoObjective(policy, collator, trainPairs,
                        trainRef, dpo), loop, evaluation, listeners).track(metrics);
                if (dump != null) {
                    trainingLoop.track(dump);
                }
                steps = trainingLoop.run(resumeFrom);
            }
            policy.save(out.resolve("model"));
            if (lora != null) {
                Files.createDirectories(out.resolve("adapter"));
                policy.saveAdapters(out.resolve("adapter"));
                if (merge) {
                    policy.mergeAdapters();
                    policy.save(out.resolve("merged"));
                }
            }
            recordManifest(manifest, loop, dpo, lora, maxLength, resumeFrom, cached.isPresent(), policy, trainableCount);
            manifest.input("pairs", pairs).seed("seed", control.seed()).count("pairs", trainPairs.size())
                    .count("contrast_pairs", trainPairs.stream().filter(p -> p.contrastImage() != null).count())
                    .count("blank_contrast_pairs", blankContrastPairs)
                    .count("steps", steps).counts("skipped_by_reason", skipped);
            if (evalPairs != null) {
                manifest.input("eval_pairs", evalPairs).count("eval_pairs", evalEncoded.size())
                        .counts("eval_skipped_by_reason", evalSkipped);
            }
            manifest.put("final_metrics", last.train).put("final_eval", last.eval);
            manifest.write(out);
            return new Result(trainPairs.size(), evalEncoded.size(), skipped, steps, cached.isPresent(), last.train,
                    last.eval, out);
        }
    }

    private List<PairScore> referenceScores(WorldVlm policy, boolean lora, PairScorer scorer, List<EncodedPair> all,
                                            NDManager scratch) {
        if (lora) {
            policy.setAdaptersEnabled(false);
            try {
                return scorer.score(policy, all, scratch);
            } finally {
                policy.setAdaptersEnabled(true);
            }
        }
        try (WorldVlm frozen = WorldVlm.load(model)) {
            return scorer.score(frozen, all, scratch);
        }
    }

    private void recordManifest(RunManifest manifest, LoopSettings loop, DpoLoss dpo, LoraConfig lora, int maxLength,
                                Path resumeFrom, boolean referenceReused, WorldVlm policy,
                                long trainableCount) {
        DpoSettings s = dpo.settings();
        manifest.option("preset", preset.name()).option("loss", s.loss().id()).option("beta", s.beta())
                .option("label_smoothing", s.labelSmoothing()).option("sft_weight", s.sftWeight())
                .option("conditional_weight", s.conditionalWeight())
                .option("anchor_weight", s.anchorWeight())
                .option("simpo_gamma", s.simpoGamma()).option("epochs", loop.epochs())
                .option("learning_rate", loop.learningRate()).option("batch_size", loop.microBatch())
                .option("grad_accum", loop.gradAccum()).option("effective_batch", loop.effectiveBatch())
                .option("warmup_ratio", loop.warmupRatio()).option("scheduler", loop.schedule().id())
                .option("max_grad_norm", loop.maxGradNorm()).option("weight_decay", loop.adamW().weightDecay())
                .option("adam_betas", List.of(loop.adamW().beta1(), loop.adamW().beta2()))
                .option("adam_epsilon", loop.adamW().epsilon()).option("max_length", maxLength)
                    .option("group_by_length", loop.groupByLength())
                .option("threads", control.threads()).option("log_every", loop.logEvery())
                .option("checkpoint_every", loop.checkpointEvery()).option("full", full).option("merge", merge)
                .option("model", model.toString()).option("images", images.toString())
;
        if (dumpPairs != null) {
            manifest.option("dump_pairs", dumpPairs.toString());
        }
        if (resumeFrom != null) {
            manifest.option("resumed_from", resumeFrom.toString());
        }
        if (lora != null) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("rank", lora.rank());
            l.put("alpha", lora.alpha());
            l.put("dropout", lora.dropout());
            l.put("targets", lora.targets());
            manifest.option("lora", l);
        }
        Map<String, Object> reference = new LinkedHashMap<>();
        reference.put("kind", lora != null ? "adapters_disabled" : "frozen_copy");
        reference.put("reused_from_cache", referenceReused);
        manifest.put("reference", reference);
        Map<String, Object> modelInfo = new LinkedHashMap<>();
        modelInfo.put("parameters", policy.parameterCount());
        modelInfo.put("trainable_parameters", trainableCount);
        manifest.put("model_info", modelInfo);
    }

    static List<EncodedPair> encode(List<PreferenceText> pairs, TurnEncoder encoder, boolean withContrast) {
        List<EncodedPair> out = new ArrayList<>(pairs.size());
        for (PreferenceText p : pairs) {
            out.add(new EncodedPair(p.id(), p.image(), encoder.prompt(p.prompt()), encoder.completion(p.chosen()),
                    encoder.completion(p.rejected()), withContrast ? p.contrastImage() : null));
        }
        return out;
    }
}
