package org.vapr.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.vapr.core.InputException;
import org.vapr.core.record.Span;
import org.vapr.analysis.PreferenceSample;
import org.vapr.analysis.stats.PairMetrics;
import org.vapr.pipeline.edit.EditProposal;
import org.vapr.pipeline.edit.EditRequest;
import org.vapr.pipeline.edit.Editor;
import org.vapr.train.model.Generator;
import org.vapr.train.model.WorldVlm;
import org.vapr.train.run.EngineThreads;

/**
 * The SIMA-style baseline editor of the paper's comparison (§2.2, §6.4), {@code --editor self-sample}: the rejected
 * answer is sampled from a {@code vapr train} model for the same image and question (temperature 1.0, seeded by the
 * request's seed), while the chosen answer stays the gold one. Nothing is checked ({@link Checks#NONE}): when the
 * model is right, the pair is a near or exact duplicate — that is the regime the paper describes — and the oracle is
 * not consulted, as SIMA had no ground truth. Such duplicates are counted for the manifest the way
 * {@code vapr analyze} counts them ({@link PairMetrics}). The model answers one
 * request at a time under a lock (a forward per item; the model's arrays are not shared between threads), so the
 * answers do not depend on {@code --concurrency}. Closing it frees the model. In-process use (the demo):
 * {@code builder.optEditor(editor).optManifestExtras(() -> Map.of("editor_config", editor.manifestSection()))}.
 */
public final class ModelSampleEditor implements Editor, AutoCloseable {
    /** Name recorded in {@code edit.editor} and accepted by {@code --editor}. */
    public static final String NAME = "self-sample";
    /** Softmax temperature of the samples. */
    public static final double TEMPERATURE = 1.0;

    private final Path modelDir;
    private final Path imageRoot;
    private final int maxNewTokens;
    private final WorldVlm model;
    private final Generator generator;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicLong samples = new AtomicLong();
    private final AtomicLong exact = new AtomicLong();
    private final AtomicLong near = new AtomicLong();
    private final AtomicLong sampleNanos = new AtomicLong();

    private ModelSampleEditor(Path modelDir, Path imageRoot, int maxNewTokens, WorldVlm model) {
        this.modelDir = modelDir;
        this.imageRoot = imageRoot;
        this.maxNewTokens = maxNewTokens;
        this.model = model;
        this.generator = new Generator(model);
    }

    /**
     * Loads the model.
     *
     * @param modelDir     a directory written by {@code vapr train} (config.json, model.safetensors, tokenizer.json)
     * @param imageRoot    the root the requests' image paths are relative to
     * @param maxNewTokens most tokens sampled per answer
     * @param threads      PyTorch threads (below 1: PyTorch's default); set before the engine starts
     */
    public static ModelSampleEditor open(Path modelDir, Path imageRoot, int maxNewTokens, int threads) {
        if (!Files.isRegularFile(modelDir.resolve("config.json"))) {
            throw new InputException(modelDir + ": not a model directory (no config.json; --model must name a `vapr train` output)");
        }
        if (maxNewTokens < 1) {
            throw new IllegalArgumentException("max new tokens must be positive");
        }
        EngineThreads.configure(threads);
        return new ModelSampleEditor(modelDir, imageRoot, maxNewTokens, WorldVlm.load(modelDir));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String model() {
        return modelDir.getFileName() == null ? modelDir.toString() : modelDir.getFileName().toString();
    }

    @Override
    public Checks checks() {
        return Checks.NONE;
    }

    @Override
    public int maxAttempts() {
        return 2;
    }

    @Override
    public EditProposal propose(EditRequest r) {
        Path image = imageRoot.resolve(r.image());
        String answer;
        lock.lock();
        try {
            long t0 = System.nanoTime();
            answer = generator.generate(List.of(image), List.of(r.prompt()),
                    new Generator.Settings(maxNewTokens, TEMPERATURE, r.seed(), 1)).get(0).strip();
            sampleNanos.addAndGet(System.nanoTime() - t0);
        } finally {
            lock.unlock();
        }
        if (answer.isEmpty()) {
            return EditProposal.failed("sample_empty");
        }
        samples.incrementAndGet();
        PairMetrics.Words w = PairMetrics.words(new PreferenceSample(r.sourceId() + "#" + r.turn(), r.prompt(),
                r.chosen(), answer, r.category().id(), List.of(r.image())));
        if (w.exactDuplicate()) {
            exact.incrementAndGet();
        } else if (w.nearDuplicate()) {
            near.incrementAndGet();
        }
        return EditProposal.of(answer, changed(r.chosen(), answer), List.of());
    }

    /** The span of {@code rejected} between the longest common prefix and suffix; none when equal. */
    static List<Span> changed(String chosen, String rejected) {
        if (chosen.equals(rejected)) {
            return List.of();
        }
        int p = 0;
        int max = Math.min(chosen.length(), rejected.length());
        while (p < max && chosen.charAt(p) == rejected.charAt(p)) {
            p++;
        }
        int s = 0;
        while (s < max - p && chosen.charAt(chosen.length() - 1 - s) == rejected.charAt(rejected.length() - 1 - s)) {
            s++;
        }
        return List.of(new Span(p, rejected.length() - s));
    }

    /**
     * The manifest's {@code editor_config}: the model, the sampling settings, that neither bounds nor the oracle
     * applied, and the duplicate counts over the pairs made (every sampled answer becomes a pair).
     */
    public Map<String, Object> manifestSection() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("editor", NAME);
        m.put("model_dir", modelDir.toString());
        m.put("temperature", TEMPERATURE);
        m.put("max_new_tokens", maxNewTokens);
        m.put("bounds", "none");
        m.put("oracle_on_rejected", false);
        m.put("samples", samples.get());
        m.put("exact_duplicates", exact.get());
        m.put("near_duplicates", near.get());
        m.put("near_similarity", PairMetrics.NEAR_SIMILARITY);
        return m;
    }

    /** Seconds spent sampling, for the measured speed (not written to the manifest, which must not vary). */
    public double samplingSeconds() {
        return sampleNanos.get() / 1e9;
    }

    @Override
    public void close() {
        model.close();
    }
}
