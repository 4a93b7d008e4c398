package org.vapr.train.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.vapr.core.io.Json;
import org.vapr.train.data.TokenBlock;
import org.vapr.train.io.Safetensors;
import org.vapr.train.loop.AdamW;
import org.vapr.train.loop.AdamWSettings;
import org.vapr.train.text.WordTokenizer;

/**
 * Benchmark of the world model's SFT training step (forward, backward, the training loop's AdamW) on random data of the demo's shape:
 * tokens/s, model FLOP/s and their share of a 1024³ float32 matmul timed by the same engine in the same run, and
 * the same step in PyTorch-Python ({@code parity.py --bench}) as a ratio. Run by {@code bench/train-step.sh};
 * threads via {@code -Dai.djl.pytorch.num_threads}. Args: [batch] [text length] [timed steps] [python or "none"].
 */
public final class TrainStepBench {
    private TrainStepBench() {
    }

    public static void main(String[] args) throws Exception {
        int batch = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        int textLength = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int steps = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        String python = args.length > 3 ? args[3] : "/usr/bin/python3";
        int vocab = 300;
        List<String> words = new ArrayList<>(WordTokenizer.SPECIALS);
        for (int i = words.size(); i < vocab; i++) {
            words.add("w" + i);
        }
        WordTokenizer tokenizer = WordTokenizer.of(words);
        VlmConfig config = VlmConfig.world(vocab);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("threads", System.getProperty("ai.djl.pytorch.num_threads", "default"));
        for (String name : List.of("OMP_WAIT_POLICY", "GOMP_SPINCOUNT", "MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_")) {
            result.put(name.toLowerCase(java.util.Locale.ROOT).replaceAll("_$", ""), System.getenv().getOrDefault(name, "(unset)"));
        }
        result.put("config", config);
        result.put("batch", batch);
        result.put("text_length", textLength);

        double matmulGflops = matmulGflops();
        result.put("matmul_1024_gflops", round(matmulGflops));

        try (WorldVlm model = WorldVlm.create(config, tokenizer, 1); NDManager root = NDManager.newBaseManager()) {
            result.put("parameters", model.parameterCount());
            SplittableRandom r = new SplittableRandom(3);
            int s = config.imageSize();
            float[] px = new float[batch * 3 * s * s];
            for (int i = 0; i < px.length; i++) {
                px[i] = (float) (r.nextDouble() * 2 - 1);
            }
            int[] tokens = new int[batch * textLength];
            float[] mask = new float[batch * textLength];
            for (int i = 0; i < tokens.length; i++) {
                tokens[i] = 7 + r.nextInt(vocab - 7);
                mask[i] = i % textLength >= textLength / 2 ? 1f : 0f;
            }
            NDArray pixels = root.create(px, new Shape(batch, 3, s, s));
            NDArray tokenArray = root.create(tokens, new Shape(batch, textLength));
            NDArray maskArray = root.create(mask, new Shape(batch, textLength));

            Map<String, NDArray> params = model.trainableParameters();
            int warmup = 30; // the first steps grow the heap to its high-water mark (page faults): time the steady state
            long start = 0;
            long rssStart = 0;
            long[] phase = new long[3]; // forward, backward, AdamW (CPU PyTorch runs eagerly: wall time per phase)
            // the training loop's own optimizer, gradient zeroing and step manager (TrainingLoop.step without listeners)
            try (AdamW adam = new AdamW(AdamWSettings.defaults(), root)) {
                for (int step = 1; step <= warmup + steps; step++) {
                    if (step == warmup + 1) {
                        start = System.nanoTime();
                        rssStart = residentBytes();
                        java.util.Arrays.fill(phase, 0);
                        if (System.getProperty("vapr.bench.profile") != null) {
                            ai.djl.pytorch.jni.JniUtils.startProfile(false, true, false);
                        }
                    }
                    try (NDManager m = root.newSubManager()) {
                        Map<String, NDArray> grads = new LinkedHashMap<>();
                        params.forEach((k, p) -> { // zeroing, as the loop does (counted in the step, not in a phase)
                            NDArray g = p.getGradient();
                            g.attach(m);
                            g.subi(g);
                            grads.put(k, g);
                        });
                        long t0 = System.nanoTime();
                        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                            // the step's inputs live in the step's manager, so every array of the pass is freed with it
                            TokenBlock stepBlock = new TokenBlock(m.create(px, pixels.getShape()), m.create(tokens, tokenArray.getShape()),
                                    m.create(mask, maskArray.getShape()), new int[batch]);
                            NDArray loss = TinyWorld.answerLoss(model.logits(stepBlock.pixels(), stepBlock.tokens(), true), stepBlock);
                            long t1 = System.nanoTime();
                            phase[0] += t1 - t0;
                            gc.backward(loss);
                            phase[1] += System.nanoTime() - t1;
                        }
                        long t2 = System.nanoTime();
                        adam.update(params, grads, 1e-4, m);
                        phase[2] += System.nanoTime() - t2;
                    }
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (System.getProperty("vapr.bench.profile") != null) { // PyTorch's autograd profiler: a Chrome trace of every op
                ai.djl.pytorch.jni.JniUtils.stopProfile(System.getProperty("vapr.bench.profile"));
            }
            // resident memory at the first and the last timed step: it reaches a plateau (the heap's high-water mark) within
            // a few hundred steps; a leak grows with STEPS (and its fresh pages slow every step down)
            result.put("resident_mb_first_step", Math.round(rssStart / 1048576.0));
            result.put("resident_mb_last_step", Math.round(residentBytes() / 1048576.0));
            result.put("forward_ms", round(phase[0] / 1e6 / steps));
            result.put("backward_ms", round(phase[1] / 1e6 / steps));
            result.put("adam_ms", round(phase[2] / 1e6 / steps));
            double stepsPerSecond = steps / seconds;
            long sequence = config.imageTokens() + textLength;
            double flopsPerStep = stepFlops(config, batch, textLength);
            double modelGflops = flopsPerStep * stepsPerSecond / 1e9;
            result.put("steps_per_s", round(stepsPerSecond));
            result.put("tokens_per_s", Math.round(stepsPerSecond * batch * sequence));
            result.put("model_gflop_per_step", round(flopsPerStep / 1e9));
            result.put("model_gflops", round(modelGflops));
            result.put("mfu_vs_matmul", round(modelGflops / matmulGflops));
            // the same step's matmuls timed alone at their shapes: the time the step cannot go below in this engine
            double matmulsAlone = matmulsAloneSeconds(config, batch, textLength);
            result.put("matmuls_alone_ms", round(matmulsAlone * 1e3));
            result.put("mfu_if_only_matmuls", round(flopsPerStep / matmulsAlone / 1e9 / matmulGflops));

            if (!"none".equals(python)) {
                Path dir = Files.createTempDirectory("vapr-bench");
                Safetensors.write(dir.resolve("weights.safetensors"), model.parameters(), Map.of());
                Map<String, NDArray> inputs = new LinkedHashMap<>();
                inputs.put("sft.pixels", pixels);
                inputs.put("sft.tokens", tokenArray);
                inputs.put("sft.mask", maskArray);
                Safetensors.write(dir.resolve("inputs.safetensors"), inputs, Map.of());
                Map<String, Object> pyConfig = new LinkedHashMap<>();
                pyConfig.put("model", config);
                pyConfig.put("steps", Math.min(steps, 40)); // Debian's PyTorch runs ~10x slower: fewer steps, same step
                pyConfig.put("warmup", 5);
                Files.writeString(dir.resolve("config.json"), Json.mapper().writeValueAsString(pyConfig));
                String threads = System.getProperty("ai.djl.pytorch.num_threads", "2");
                Process p = new ProcessBuilder(python, "src/test/python/parity.py", "--bench", dir.toString(), threads)
                        .redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (p.waitFor() == 0) {
                    Map<?, ?> py = Json.mapper().readValue(out.lines().reduce((a, b) -> b).orElse("{}"), Map.class);
                    double pySteps = ((Number) py.get("steps_per_s")).doubleValue();
                    result.put("pytorch_python", py);
                    result.put("java_over_python_steps", round(stepsPerSecond / pySteps));
                } else {
                    result.put("pytorch_python_error", out.strip());
                }
            }
        }
        System.out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(result));
    }

    /** Forward FLOPs of one step: 2 × multiply-adds of every matmul (linears, attention scores and mixing, head). */
    static double forwardFlops(VlmConfig c, int batch, int textLength) {
        double d = c.dModel();
        double n = c.imageTokens();
        double s = n + textLength;
        double p = c.patchSize();
        double layerPerToken = 4 * d * d + 3 * d * c.ffnHidden();
        double attention = 2 * s * s * d; // QKᵀ and AV per sequence per layer
        double visionAttention = 2 * n * n * d;
        double macs = n * 3 * p * p * d + n * 2 * d * d
                + c.visionLayers() * (n * layerPerToken + visionAttention)
                + c.layers() * (s * layerPerToken + attention)
                + textLength * d * c.vocabSize();
        return 2 * macs * batch;
    }

    /**
     * Model FLOPs of one training step: forward, and backward at twice the forward (input and weight gradients) for
     * every matmul but the patch embedding, whose input (the pixels) needs no gradient, so its backward is 1×.
     */
    static double stepFlops(VlmConfig c, int batch, int textLength) {
        double patchEmbed = 2.0 * batch * c.imageTokens() * 3 * c.patchSize() * c.patchSize() * c.dModel();
        return 3 * forwardFlops(c, batch, textLength) - patchEmbed;
    }

    private static double matmulGflops() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.randomNormal(new Shape(1024, 1024));
            NDArray b = m.randomNormal(new Shape(1024, 1024));
            double best = Double.MAX_VALUE;
            for (int i = 0; i < 15; i++) {
                long t = System.nanoTime();
                try (NDArray c = a.matMul(b)) {
                    c.getFloat(0, 0);
                }
                best = Math.min(best, (System.nanoTime() - t) / 1e9);
            }
            return 2.0 * 1024 * 1024 * 1024 / best / 1e9;
        }
    }

    /**
     * Seconds of every matmul of one training step timed alone, each the fastest of five rounds at its own shapes: per
     * linear layer the forward product and both gradients (input gradient skipped for the patch embedding), per
     * attention the scores and mixing products three times (forward and two gradients). The fused projections run as
     * the model runs them: [q; k; v; rotated q; rotated k] (5d wide) in the decoder, [q; k; v] in the vision layers,
     * [gate; up] everywhere.
     */
    static double matmulsAloneSeconds(VlmConfig c, int batch, int textLength) {
        int d = c.dModel();
        int f = c.ffnHidden();
        int n = c.imageTokens();
        int text = batch * (n + textLength);
        int image = batch * n;
        int p = c.patchSize();
        int hd = c.headDim();
        double seconds = 0;
        try (NDManager m = NDManager.newBaseManager()) {
            seconds += c.layers() * (linear(m, text, d, 5 * d, true) + linear(m, text, d, d, true)
                    + linear(m, text, d, 2 * f, true) + linear(m, text, f, d, true));
            seconds += c.visionLayers() * (linear(m, image, d, 3 * d, true) + linear(m, image, d, d, true)
                    + linear(m, image, d, 2 * f, true) + linear(m, image, f, d, true));
            seconds += linear(m, image, 3 * p * p, d, false) + 2 * linear(m, image, d, d, true);
            seconds += linear(m, batch * textLength, d, c.vocabSize(), true);
            int heads = batch * c.heads();
            seconds += c.layers() * 3 * (product(m, heads, n + textLength, hd, n + textLength) + product(m, heads, n + textLength, n + textLength, hd));
            seconds += c.visionLayers() * 3 * (product(m, heads, n, hd, n) + product(m, heads, n, n, hd));
        }
        return seconds;
    }

    private static double linear(NDManager m, int rows, int in, int out, boolean inputGradient) {
        NDArray x = m.randomNormal(new Shape(rows, in));
        NDArray g = m.randomNormal(new Shape(rows, out));
        NDArray w = m.randomNormal(new Shape(out, in));
        double t = fastest(() -> x.matMul(w.transpose())) + fastest(() -> g.transpose().matMul(x));
        return inputGradient ? t + fastest(() -> g.matMul(w)) : t;
    }

    private static double product(NDManager m, int batch, int rows, int inner, int cols) {
        NDArray a = m.randomNormal(new Shape(batch, rows, inner));
        NDArray b = m.randomNormal(new Shape(batch, inner, cols));
        return fastest(() -> a.matMul(b));
    }

    /** The fastest of five rounds of 20 calls after 10 warm-up calls, in seconds per call. */
    private static double fastest(java.util.function.Supplier<NDArray> op) {
        for (int i = 0; i < 10; i++) {
            op.get().close();
        }
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            long t = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                op.get().close();
            }
            best = Math.min(best, (System.nanoTime() - t) / 1e9 / 20);
        }
        return best;
    }

    /** The process's resident set in bytes (Linux {@code /proc/self/statm}; 0 elsewhere). */
    private static long residentBytes() {
        try {
            String[] fields = Files.readString(Path.of("/proc/self/statm")).trim().split(" ");
            return Long.parseLong(fields[1]) * 4096;
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        }
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
