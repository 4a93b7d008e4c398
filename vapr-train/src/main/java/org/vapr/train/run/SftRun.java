package org.vapr.train.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vapr.core.InputException;
import org.vapr.core.manifest.RunManifest;
import org.vapr.core.manifest.Tally;
import org.vapr.train.data.EncodedTurn;
import org.vapr.train.data.RowCollator;
import org.vapr.train.data.TurnEncoder;
import org.vapr.train.loop.AdamWSettings;
import org.vapr.train.loop.AppendLog;
import org.vapr.train.loop.CheckpointWriter;
import org.vapr.train.loop.DivergenceGuard;
import org.vapr.train.loop.EpochEndEvaluation;
import org.vapr.train.loop.LoopCheckpoint;
import org.vapr.train.loop.LoopSettings;
import org.vapr.train.loop.MetricsFileWriter;
import org.vapr.train.loop.ProgressListener;
import org.vapr.train.loop.TrainingListener;
import org.vapr.train.loop.TrainingLoop;
import org.vapr.train.model.VlmConfig;
import org.vapr.train.model.WorldVlm;
import org.vapr.train.objective.SftObjective;
import org.vapr.train.text.WordTokenizer;

/**
 * Supervised fine-tuning of the world model on a LLaVA-format corpus. A new model gets a tokenizer built from the
 * corpus (every word of its questions and answers) and {@link VlmConfig#world}; {@code baseModel} continues from a
 * saved one. Writes the model directory ({@code config.json}, {@code tokenizer.json}, {@code model.safetensors}) plus
 * {@code metrics.jsonl}, {@code checkpoints/} and {@code manifest.json} into {@code out}.
 *
 * @param data      the LLaVA-format corpus
 * @param images    its image root
 * @param out       the model directory to write
 * @param baseModel a model directory to continue from, or {@code null} for a new model
 * @param evalData  a LLaVA-format corpus for {@code eval_loss} at each epoch end, or {@code null}
 */
public record SftRun(Path data, Path images, Path out, Path baseModel, Path evalData, TrainingPreset preset,
                     Overrides overrides, RunControl control) {

    /** What a run did. */
    public record Result(int rows, int evalRows, Tally skipped, long steps, Map<String, Double> lastMetrics,
                         Map<String, Double> lastEval, Path out) {
    }

    /** The loop settings after applying the overrides to the preset. */
    public LoopSettings loopSettings() {
        Overrides o = overrides;
        return new LoopSettings(Overrides.pick(o.epochs(), preset.sftEpochs()),
                Overrides.pick(o.batchSize(), preset.sftMicroBatch()), Overrides.pick(o.gradAccum(), preset.sftGradAccum()),
                Overrides.pick(o.learningRate(), preset.sftLr()), Overrides.pick(o.warmupRatio(), preset.sftWarmup()),
                Overrides.pick(o.scheduler(), preset.schedule()), Overrides.pick(o.maxGradNorm(), 1.0),
                new AdamWSettings(0.9, 0.999, 1e-8, Overrides.pick(o.weightDecay(), 0.0)), control.seed(),
                control.logEvery(), control.checkpointEvery(), Overrides.pick(o.groupByLength(), preset.groupByLength()));
    }

    /** Trains and writes the model directory. */
    public Result run() throws IOException {
        LoopSettings loop = loopSettings();
        Files.createDirectories(out);
        RunManifest.invalidate(out);
        RunManifest manifest = RunManifest.start(control.command());
        Path resumeFrom = resumePoint(out, control.resume());
        Tally skipped = new Tally();
        List<QaTurn> turns = LlavaTurns.read(data, images, skipped);
        if (turns.isEmpty()) {
            throw new InputException(data + ": no usable turn (every record lacks an image under " + images
                    + " or has no human/gpt pair)");
        }
        Tally evalSkipped = new Tally();
        List<QaTurn> evalTurns = evalData == null ? List.of() : LlavaTurns.read(evalData, images, evalSkipped);
        int maxLength = Overrides.pick(overrides.maxLength(), preset.maxLength());
        try (WorldVlm model = baseModel != null ? WorldVlm.load(baseModel) : newModel(turns, maxLength)) {
            TurnEncoder encoder = model.encoder();
            RowCollator collator = model.collator();
            List<EncodedTurn> rows = encode(turns, encoder);
            List<EncodedTurn> evalRows = encode(evalTurns, encoder);
            LastMetrics last = new LastMetrics();
            long steps;
            try (AppendLog metrics = AppendLog.open(out.resolve("metrics.jsonl"))) {
                List<TrainingListener> listeners = new ArrayList<>(List.of(new DivergenceGuard(),
                        new MetricsFileWriter(metrics), last, new ProgressListener("sft", control.quiet())));
                if (loop.checkpointEvery() > 0) {
                    listeners.add(new CheckpointWriter(out, loop.checkpointEvery()));
                }
                listeners.addAll(control.extraListeners());
                EpochEndEvaluation evaluation = evalRows.isEmpty() ? null : (epoch, m) -> Map.of("eval_loss",
                        SftObjective.evaluate(model, collator, evalRows, loop.microBatch(), m));
                TrainingLoop trainingLoop = new TrainingLoop(model, new SftObjective(model, collator, rows), loop,
                        evaluation, listeners).track(metrics);
                steps = trainingLoop.run(resumeFrom);
            }
            model.save(out);
            manifest.option("preset", preset.name()).option("epochs", loop.epochs())
                    .option("learning_rate", loop.learningRate()).option("batch_size", loop.microBatch())
                    .option("grad_accum", loop.gradAccum()).option("effective_batch", loop.effectiveBatch())
                    .option("warmup_ratio", loop.warmupRatio()).option("scheduler", loop.schedule().id())
                    .option("max_grad_norm", loop.maxGradNorm()).option("weight_decay", loop.adamW().weightDecay())
                    .option("adam_betas", List.of(loop.adamW().beta1(), loop.adamW().beta2()))
                    .option("adam_epsilon", loop.adamW().epsilon()).option("max_length", model.config().maxTextLength())
                    .option("group_by_length", loop.groupByLength())
                    .option("threads", control.threads()).option("log_every", loop.logEvery())
                    .option("checkpoint_every", loop.checkpointEvery())
                    .option("images", images.toString())
                    .input("data", data).seed("seed", control.seed())
                    .count("rows", rows.size()).count("steps", steps).counts("skipped_by_reason", skipped);
            if (baseModel != null) {
                manifest.option("base_model", baseModel.toString());
            }
            if (resumeFrom != null) {
                manifest.option("resumed_from", resumeFrom.toString());
            }
            if (evalData != null) {
                manifest.input("eval_data", evalData).count("eval_rows", evalRows.size())
                        .counts("eval_skipped_by_reason", evalSkipped);
            }
            Map<String, Object> modelInfo = new LinkedHashMap<>();
            modelInfo.put("config", model.config());
            modelInfo.put("parameters", model.parameterCount());
            modelInfo.put("vocabulary", model.tokenizer().size());
            manifest.put("model", modelInfo).put("final_metrics", last.train).put("final_eval", last.eval);
            manifest.write(out);
            return new Result(rows.size(), evalRows.size(), skipped, steps, last.train, last.eval, out);
        }
    }

    private WorldVlm newModel(List<QaTurn> turns, int maxLength) {
        WordTokenizer tokenizer = QaTurn.tokenizer(turns);
        VlmConfig c = VlmConfig.world(tokenizer.size());
        VlmConfig config = new VlmConfig(c.imageSize(), c.patchSize(), c.dModel(), c.layers(), c.heads(), c.ffnHidden(),
                c.visionLayers(), c.vocabSize(), maxLength, c.ropeTheta(), c.normEps(), c.dropout(), c.tieEmbeddings());
        return WorldVlm.create(config, tokenizer, control.seed());
    }

    static List<EncodedTurn> encode(List<QaTurn> turns, TurnEncoder encoder) {
        List<EncodedTurn> rows = new ArrayList<>(turns.size());
        for (QaTurn t : turns) {
            rows.add(new EncodedTurn(t.id(), t.image(), encoder.prompt(t.question()), encoder.completion(t.answer())));
        }
        return rows;
    }

    /** The checkpoint to resume from (with {@code --resume}), or {@code null}; a fresh run clears old checkpoints. */
    static Path resumePoint(Path out, boolean resume) throws IOException {
        if (resume) {
            return LoopCheckpoint.latest(out).orElseThrow(() -> new InputException(
                    out.resolve(LoopCheckpoint.FOLDER) + ": no checkpoint to resume from (--resume)"));
        }
        Path folder = out.resolve(LoopCheckpoint.FOLDER);
        if (Files.isDirectory(folder)) {
            try (var s = Files.walk(folder)) {
                List<Path> all = s.sorted(java.util.Comparator.reverseOrder()).toList();
                for (Path p : all) {
                    Files.delete(p);
                }
            }
        }
        return null;
    }
}
