package org.vapr.train.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.vapr.core.InputException;
import org.vapr.train.data.RowCollator;
import org.vapr.train.data.TurnEncoder;
import org.vapr.train.io.Safetensors;
import org.vapr.train.text.ChatTemplate;
import org.vapr.train.text.WordTokenizer;

/**
 * The synthetic world's small vision-language model, built by hand on DJL NDArrays: a patch-embedding vision
 * encoder (learned positions, optional bidirectional layers, RMSNorm) → a two-layer GELU projector → a
 * decoder-only transformer (RoPE, RMSNorm, SwiGLU, causal attention) over the image tokens followed by the text.
 * Linear weights are {@code [out, in]} as in PyTorch. Parameters live in the model's own manager; every array of
 * a forward pass lives in the caller's manager (the one of {@code tokens}). DJL attaches the arrays returned by
 * {@code getGradient()} to the parameter's (the model's) manager: attach them to the step's manager, or the model
 * manager grows by one handle per parameter per step. Scalars inside the graph are arrays, never {@code mul(Number)}.
 *
 * <p>Files: {@code config.json}, {@code model.safetensors}, {@code tokenizer.json}, and with LoRA attached
 * {@code adapter_config.json} + {@code adapter.safetensors}.
 */
public final class WorldVlm implements CausalVlm, AutoCloseable {
    static final float MASKED = -1e9f;
    private static final String LORA_A = ".lora_A.weight";
    private static final String LORA_B = ".lora_B.weight";

    private final VlmConfig config;
    private final WordTokenizer tokenizer;
    private final NDManager manager;
    private final Map<String, NDArray> params = new LinkedHashMap<>();
    private final Map<String, NDArray> adapterParams = new LinkedHashMap<>();
    private final List<Dense> denses = new ArrayList<>();
    private LoraConfig lora;
    private boolean adaptersEnabled = true;
    /** Constants of a training/eval forward pass, built once in the model's manager: see {@link #constants}. */
    private final Map<String, NDArray> constants = new java.util.HashMap<>();

    private final Dense patchEmbed;
    private final NDArray posEmbed;
    private final List<Block> visionBlocks = new ArrayList<>();
    private final NDArray visionNorm;
    private final Dense proj1;
    private final Dense proj2;
    private final NDArray embed;
    final List<Block> blocks = new ArrayList<>();
    private final NDArray finalNorm;
    private final NDArray lmHead;

    /** Makes the value of one parameter. */
    @FunctionalInterface
    private interface Source {
        NDArray make(String name, Shape shape, Init init);
    }

    private enum Init { NORMAL, RESIDUAL, ONES, ZEROS, LORA_A, LORA_B }

    private WorldVlm(VlmConfig config, WordTokenizer tokenizer, NDManager manager, Source source) {
        if (tokenizer.size() != config.vocabSize()) {
            throw new IllegalArgumentException("tokenizer size " + tokenizer.size() + " differs from vocab_size " + config.vocabSize());
        }
        this.config = config;
        this.tokenizer = tokenizer;
        this.manager = manager;
        int d = config.dModel();
        int p = config.patchSize();
        patchEmbed = dense(source, "vision.patch_embed", 3L * p * p, d, true, Init.NORMAL);
        posEmbed = param(source, "vision.pos_embed", new Shape(config.imageTokens(), d), Init.NORMAL);
        for (int i = 0; i < config.visionLayers(); i++) {
            visionBlocks.add(block(source, "vision.layers." + i));
        }
        visionNorm = param(source, "vision.norm.weight", new Shape(d), Init.ONES);
        proj1 = dense(source, "projector.fc1", d, d, true, Init.NORMAL);
        proj2 = dense(source, "projector.fc2", d, d, true, Init.NORMAL);
        embed = param(source, "embed.weight", new Shape(config.vocabSize(), d), Init.NORMAL);
        for (int i = 0; i < config.layers(); i++) {
            blocks.add(block(source, "layers." + i));
        }
        finalNorm = param(source, "norm.weight", new Shape(d), Init.ONES);
        lmHead = config.tieEmbeddings() ? embed : param(source, "lm_head.weight", new Shape(config.vocabSize(), d), Init.NORMAL);
    }

    /**
     * A freshly initialised model; the same config, tokenizer and seed give the same weights. Matrices are drawn from
     * N(0, 1/fan_in) (embeddings: 1/d), the attention output and SwiGLU down projections further divided by
     * √(2 × layers); norms start at 1, biases at 0. GPT-2's fixed 0.02 is sized for d = 768: at d = 96 it shrinks every
     * layer's output fivefold, and the world model then never learned to compare a question with the image (a
     * set-membership probe stayed at chance for 2,200 steps in this engine and in PyTorch; with this initialisation it
     * reached 100 % in 250 steps; docs/CALIBRATION.md).
     */
    public static WorldVlm create(VlmConfig config, WordTokenizer tokenizer, long seed) {
        NDManager manager = NDManager.newBaseManager();
        int residualLayers = 2 * (config.layers() + config.visionLayers());
        return new WorldVlm(config, tokenizer, manager, (name, shape, init) -> {
            float[] v = new float[Math.toIntExact(shape.size())];
            SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + name.hashCode());
            double std = fanInStd(shape) / (init == Init.RESIDUAL ? Math.sqrt(residualLayers) : 1);
            switch (init) {
                case ONES -> java.util.Arrays.fill(v, 1f);
                case ZEROS, LORA_B -> { }
                default -> {
                    for (int i = 0; i < v.length; i++) {
                        v[i] = (float) (gaussian(random) * std);
                    }
                }
            }
            return manager.create(v, shape);
        });
    }

    /** Loads a model saved by {@link #save} (adapters too when the directory has them). */
    public static WorldVlm load(Path dir) {
        VlmConfig config = VlmConfig.load(dir.resolve("config.json"));
        WordTokenizer tokenizer = WordTokenizer.load(dir.resolve("tokenizer.json"));
        NDManager manager = NDManager.newBaseManager();
        Path weights = dir.resolve("model.safetensors");
        WorldVlm model;
        try (NDManager scratch = manager.newSubManager()) {
            Map<String, NDArray> stored = Safetensors.read(weights, scratch);
            model = new WorldVlm(config, tokenizer, manager, copyFrom(stored, weights, manager));
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
        if (Files.exists(dir.resolve("adapter_config.json"))) {
            model.loadAdapters(dir);
        }
        return model;
    }

    private static Source copyFrom(Map<String, NDArray> stored, Path file, NDManager manager) {
        return (name, shape, init) -> {
            NDArray a = stored.get(name);
            if (a == null) {
                throw new InputException(file + ": tensor " + name + " is missing");
            }
            if (!a.getShape().equals(shape)) {
                throw new InputException(file + ": tensor " + name + ": shape " + a.getShape() + " differs from the config's " + shape);
            }
            return manager.create(a.toFloatArray(), shape);
        };
    }

    /** Writes config.json, model.safetensors (base weights), tokenizer.json and, with LoRA, the adapter files. */
    public void save(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create " + dir, e);
        }
        config.save(dir.resolve("config.json"));
        tokenizer.save(dir.resolve("tokenizer.json"));
        Safetensors.write(dir.resolve("model.safetensors"), params, Map.of("format", "pt", "model", "vapr-world-vlm"));
        if (lora != null) {
            saveAdapters(dir);
        }
    }

    // ---------------------------------------------------------------- structure

    private NDArray param(Source source, String name, Shape shape, Init init) {
        NDArray a = source.make(name, shape, init);
        a.setRequiresGradient(true);
        params.put(name, a);
        return a;
    }

    private Dense dense(Source source, String name, long in, long out, boolean bias, Init init) {
        NDArray w = param(source, name + ".weight", new Shape(out, in), init);
        NDArray b = bias ? param(source, name + ".bias", new Shape(out), Init.ZEROS) : null;
        String module = name.substring(name.lastIndexOf('.') + 1);
        Dense dense = new Dense(name, name.startsWith("projector.") ? "proj" : name.startsWith("layers.") ? module : null, w, b);
        denses.add(dense);
        return dense;
    }

    private Block block(Source source, String prefix) {
        int d = config.dModel();
        int f = config.ffnHidden();
        NDArray attnNorm = param(source, prefix + ".attn_norm.weight", new Shape(d), Init.ONES);
        Dense q = dense(source, prefix + ".q", d, d, false, Init.NORMAL);
        Dense k = dense(source, prefix + ".k", d, d, false, Init.NORMAL);
        Dense v = dense(source, prefix + ".v", d, d, false, Init.NORMAL);
        Dense o = dense(source, prefix + ".o", d, d, false, Init.RESIDUAL);
        NDArray ffnNorm = param(source, prefix + ".ffn_norm.weight", new Shape(d), Init.ONES);
        Dense gate = dense(source, prefix + ".gate", d, f, false, Init.NORMAL);
        Dense up = dense(source, prefix + ".up", d, f, false, Init.NORMAL);
        Dense down = dense(source, prefix + ".down", f, d, false, Init.RESIDUAL);
        return new Block(attnNorm, q, k, v, o, ffnNorm, gate, up, down);
    }

    /** One linear layer {@code y = x Wᵀ + b}, with an optional LoRA adapter. */
    static final class Dense {
        final String name;
        final String module;
        NDArray weight;
        final NDArray bias;
        NDArray loraA;
        NDArray loraB;

        Dense(String name, String module, NDArray weight, NDArray bias) {
            this.name = name;
            this.module = module;
            this.weight = weight;
            this.bias = bias;
        }
    }

    record Block(NDArray attnNorm, Dense q, Dense k, Dense v, Dense o, NDArray ffnNorm, Dense gate, Dense up, Dense down) {
    }

    /** Keys and values of one decoder layer seen so far (generation). */
    static final class LayerCache {
        NDArray keys;
        NDArray values;
    }

    /** Arrays shared by every layer of one forward pass, all in the pass's manager. */
    record Pass(NDManager manager, boolean training, NDArray cos, NDArray sin, NDArray mask, NDArray attnScale,
                NDArray eps, NDArray loraScale, NDArray rotation) {
    }

    // ---------------------------------------------------------------- forward

    @Override
    public NDArray logits(NDArray pixels, NDArray tokens, boolean training) {
        NDManager m = tokens.getManager();
        long t = tokens.getShape().get(1);
        int n = config.imageTokens();
        NDArray image = encodeImage(pixels, m, training);
        NDArray text = embedTokens(tokens);
        NDArray x = image.concat(text, 1);
        int s = (int) (n + t);
        Pass pass = pass(m, training, constant("cos." + s, () -> {
            float[][] rope = ropeTables(positions(s), config.headDim(), config.ropeTheta());
            return manager.create(rope[0], new Shape(1, 1, s, config.headDim()));
        }), constant("sin." + s, () -> {
            float[][] rope = ropeTables(positions(s), config.headDim(), config.ropeTheta());
            return manager.create(rope[1], new Shape(1, 1, s, config.headDim()));
        }), constant("mask." + s, () -> manager.create(causalMask(s), new Shape(1, 1, s, s))));
        for (Block b : blocks) {
            x = block(b, x, pass, null);
        }
        x = rmsNorm(x, finalNorm, pass).get(new NDIndex(":, {}:, :", n));
        NDArray logits = head(x);
        if (logits.getManager() != m) {
            logits.attach(m); // pixels came from another manager: the contract gives the logits to the tokens' one
        }
        return logits;
    }

    /** Image embeddings {@code [B, N, d]} after the vision encoder and projector. */
    NDArray encodeImage(NDArray pixels, NDManager m, boolean training) {
        Shape shape = pixels.getShape();
        int size = config.imageSize();
        if (shape.dimension() != 4 || shape.get(1) != 3 || shape.get(2) != size || shape.get(3) != size) {
            throw new IllegalArgumentException("pixels must be [B, 3, " + size + ", " + size + "], not " + shape);
        }
        long b = shape.get(0);
        int p = config.patchSize();
        int g = size / p;
        NDArray patches = pixels.reshape(b, 3, g, p, g, p).transpose(0, 2, 4, 1, 3, 5).reshape(b, (long) g * g, 3L * p * p);
        NDArray x = linear(patches, patchEmbed, null).add(posEmbed);
        if (!visionBlocks.isEmpty()) {
            Pass pass = pass(m, training, null, null, null);
            for (Block blk : visionBlocks) {
                x = block(blk, x, pass, null);
            }
            x = rmsNorm(x, visionNorm, pass);
        }
        Pass plain = pass(m, training, null, null, null);
        NDArray h = Activation.gelu(linear(x, proj1, plain));
        return linear(h, proj2, plain);
    }

    NDArray embedTokens(NDArray tokens) {
        NDArray ids = tokens.getDataType() == DataType.INT64 ? tokens : tokens.toType(DataType.INT64, false);
        return Embedding.embedding(ids, embed, SparseFormat.DENSE).singletonOrThrow();
    }

    NDArray head(NDArray x) {
        return Linear.linear(x, lmHead).singletonOrThrow();
    }

    NDArray normalizeFinal(NDArray x, Pass pass) {
        return rmsNorm(x, finalNorm, pass);
    }

    Pass pass(NDManager m, boolean training, NDArray cos, NDArray sin, NDArray mask) {
        return new Pass(m, training, cos, sin, mask,
                constant("attn_scale", () -> manager.full(new Shape(), (float) (1.0 / Math.sqrt(config.headDim())))),
                constant("eps", () -> manager.full(new Shape(), (float) config.normEps())),
                lora == null ? null : m.full(new Shape(), (float) lora.scale()),
                constant("rotation", () -> manager.create(rotateHalfMatrix(2 * config.heads(), config.headDim()),
                        new Shape(2L * config.dModel(), 2L * config.dModel()))));
    }

    /**
     * A constant of the forward pass (RoPE tables and causal mask of one length, scalars), made once in the model's
     * manager and shared by every later pass; it never requires a gradient.
     */
    private NDArray constant(String key, java.util.function.Supplier<NDArray> make) {
        synchronized (constants) {
            return constants.computeIfAbsent(key, k -> make.get());
        }
    }

    /**
     * The signed permutation {@code P} with {@code P·y = rotate_half(y)} per head of width {@code headDim}, for
     * {@code heads} heads side by side ({@code [heads·hd, heads·hd]}): {@code P·W} gives the rotated projection's
     * weights, so RoPE's rotated half comes out of the same matmul as q and k.
     */
    static float[] rotateHalfMatrix(int heads, int headDim) {
        int n = heads * headDim;
        int half = headDim / 2;
        float[] p = new float[n * n];
        for (int h = 0; h < heads; h++) {
            for (int i = 0; i < headDim; i++) {
                int row = h * headDim + i;
                if (i < half) {
                    p[row * n + row + half] = -1f;
                } else {
                    p[row * n + row - half] = 1f;
                }
            }
        }
        return p;
    }

    NDArray block(Block b, NDArray x, Pass pass, LayerCache cache) {
        NDArray a = attention(b, rmsNorm(x, b.attnNorm(), pass), pass, cache);
        x = x.add(dropout(a, pass));
        NDArray h = rmsNorm(x, b.ffnNorm(), pass);
        NDArray gate;
        NDArray up;
        if (plain(b.gate()) && plain(b.up())) { // one matmul for gate and up: W = [W_gate; W_up]
            NDArray w = b.gate().weight.concat(b.up().weight, 0);
            w.attach(pass.manager());
            NDList gu = Linear.linear(h, w).singletonOrThrow().split(2, h.getShape().dimension() - 1);
            gate = gu.get(0);
            up = gu.get(1);
        } else {
            gate = linear(h, b.gate(), pass);
            up = linear(h, b.up(), pass);
        }
        NDArray act = gate.mul(Activation.sigmoid(gate)).mul(up);
        return x.add(dropout(linear(act, b.down(), pass), pass));
    }

    private NDArray attention(Block b, NDArray x, Pass pass, LayerCache cache) {
        Shape shape = x.getShape();
        long batch = shape.get(0);
        long s = shape.get(1);
        int h = config.heads();
        int hd = config.headDim();
        NDArray q;
        NDArray k;
        NDArray v;
        boolean scaled = false;
        if (plain(b.q()) && plain(b.k()) && plain(b.v())) {
            // one matmul for q, k, v and (with RoPE) the rotated halves of q and k: W = [s·Wq; Wk; Wv; P·[s·Wq; Wk]],
            // with the scores' scale s = 1/√hd folded into q's weights (a [d, d] product instead of one over the scores)
            NDManager m = pass.manager();
            NDArray wq = b.q().weight.mul(pass.attnScale());
            wq.attach(m);
            NDArray wqk = wq.concat(b.k().weight, 0);
            scaled = true;
            wqk.attach(m);
            NDArray w;
            if (pass.cos() != null) {
                NDArray rotated = pass.rotation().matMul(wqk);
                rotated.attach(m);
                w = NDArrays.concat(new NDList(wqk, b.v().weight, rotated), 0);
            } else {
                w = wqk.concat(b.v().weight, 0);
            }
            w.attach(m);
            NDList parts = Linear.linear(x, w).singletonOrThrow().reshape(batch, s, -1, hd).split(new long[] {2L * h, 3L * h}, 2);
            NDArray qk = parts.get(0); // [B, S, 2H, hd]
            if (pass.cos() != null) { // tables [b, 1, S, hd] → [b, S, 1, hd]; the views belong to the pass, not to
                // the tables' manager (the model's, for cached tables: a view left there would outlive the pass)
                NDArray cos = pass.cos().transpose(0, 2, 1, 3);
                NDArray sin = pass.sin().transpose(0, 2, 1, 3);
                cos.attach(m);
                sin.attach(m);
                qk = qk.mul(cos).add(parts.get(2).mul(sin));
            }
            NDList qkHeads = qk.reshape(batch, s, 2, h, hd).transpose(2, 0, 3, 1, 4).split(2, 0);
            q = qkHeads.get(0).squeeze(0);
            k = qkHeads.get(1).squeeze(0);
            v = parts.get(1).transpose(0, 2, 1, 3);
        } else {
            q = linear(x, b.q(), pass).reshape(batch, s, h, hd).transpose(0, 2, 1, 3);
            k = linear(x, b.k(), pass).reshape(batch, s, h, hd).transpose(0, 2, 1, 3);
            v = linear(x, b.v(), pass).reshape(batch, s, h, hd).transpose(0, 2, 1, 3);
            if (pass.cos() != null) {
                q = rope(q, pass);
                k = rope(k, pass);
            }
        }
        if (cache != null) {
            if (cache.keys != null) {
                k = cache.keys.concat(k, 2);
                v = cache.values.concat(v, 2);
            }
            cache.keys = k;
            cache.values = v;
        }
        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2));
        if (!scaled) {
            scores = scores.mul(pass.attnScale());
        }
        if (pass.mask() != null) {
            scores = scores.add(pass.mask());
        }
        NDArray out = scores.softmax(3).matMul(v).transpose(0, 2, 1, 3).reshape(batch, s, (long) h * hd);
        return linear(out, b.o(), pass);
    }

    private static NDArray rope(NDArray x, Pass pass) {
        NDList halves = x.split(2, 3);
        NDArray rotated = halves.get(1).neg().concat(halves.get(0), 3);
        return x.mul(pass.cos()).add(rotated.mul(pass.sin()));
    }

    private static NDArray rmsNorm(NDArray x, NDArray weight, Pass pass) {
        NDArray rms = x.mul(x).mean(new int[] {x.getShape().dimension() - 1}, true).add(pass.eps()).sqrt();
        return x.div(rms).mul(weight);
    }

    private NDArray dropout(NDArray x, Pass pass) {
        if (!pass.training() || config.dropout() <= 0) {
            return x;
        }
        return Dropout.dropout(x, (float) config.dropout(), true).singletonOrThrow();
    }

    /** Whether {@code d} runs without an adapter, so its weight may join a fused matmul. */
    private boolean plain(Dense d) {
        return d.loraA == null || !adaptersEnabled;
    }

    private NDArray linear(NDArray x, Dense d, Pass pass) {
        NDArray y = d.bias == null ? Linear.linear(x, d.weight).singletonOrThrow()
                : Linear.linear(x, d.weight, d.bias).singletonOrThrow();
        if (d.loraA != null && adaptersEnabled && pass != null) {
            NDArray in = pass.training() && lora.dropout() > 0
                    ? Dropout.dropout(x, (float) lora.dropout(), true).singletonOrThrow() : x;
            NDArray delta = Linear.linear(Linear.linear(in, d.loraA).singletonOrThrow(), d.loraB).singletonOrThrow();
            y = y.add(delta.mul(pass.loraScale()));
        }
        return y;
    }

    /** Positions 0..n-1. */
    static int[] positions(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        return p;
    }

    /** Rotate-half RoPE tables: cos and sin of {@code position × θ^(−2i/hd)}, the half repeated, per position. */
    static float[][] ropeTables(int[] positions, int headDim, double theta) {
        int half = headDim / 2;
        float[] cos = new float[positions.length * headDim];
        float[] sin = new float[positions.length * headDim];
        for (int p = 0; p < positions.length; p++) {
            for (int i = 0; i < half; i++) {
                double angle = positions[p] * Math.pow(theta, -2.0 * i / headDim);
                float c = (float) Math.cos(angle);
                float s = (float) Math.sin(angle);
                cos[p * headDim + i] = c;
                cos[p * headDim + half + i] = c;
                sin[p * headDim + i] = s;
                sin[p * headDim + half + i] = s;
            }
        }
        return new float[][] {cos, sin};
    }

    static float[] causalMask(int s) {
        float[] mask = new float[s * s];
        for (int i = 0; i < s; i++) {
            for (int j = i + 1; j < s; j++) {
                mask[i * s + j] = MASKED;
            }
        }
        return mask;
    }

    // ---------------------------------------------------------------- LoRA

    /**
     * Attaches LoRA adapters to the target layers: A Kaiming-uniform ({@code ±1/√in}), B zero, so the model's output is
     * unchanged; the base weights are frozen and {@link #trainableParameters} becomes the adapter factors.
     */
    public void addAdapters(LoraConfig config, long seed) {
        attachAdapters(config, (name, shape, init) -> {
            float[] v = new float[Math.toIntExact(shape.size())];
            if (init == Init.LORA_A) {
                SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + name.hashCode());
                double bound = 1.0 / Math.sqrt(shape.get(1));
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
                }
            }
            return manager.create(v, shape);
        });
    }

    private void attachAdapters(LoraConfig config, Source source) {
        if (lora != null) {
            throw new IllegalStateException("LoRA adapters are already attached");
        }
        lora = config;
        adaptersEnabled = true;
        for (Dense d : denses) {
            if (d.module != null && config.targets().contains(d.module)) {
                long out = d.weight.getShape().get(0);
                long in = d.weight.getShape().get(1);
                d.loraA = source.make(d.name + LORA_A, new Shape(config.rank(), in), Init.LORA_A);
                d.loraB = source.make(d.name + LORA_B, new Shape(out, config.rank()), Init.LORA_B);
                d.loraA.setRequiresGradient(true);
                d.loraB.setRequiresGradient(true);
                adapterParams.put(d.name + LORA_A, d.loraA);
                adapterParams.put(d.name + LORA_B, d.loraB);
            }
        }
        params.values().forEach(p -> p.setRequiresGradient(false));
    }

    @Override
    public void setAdaptersEnabled(boolean enabled) {
        adaptersEnabled = enabled;
    }

    @Override
    public boolean hasAdapters() {
        return lora != null;
    }

    /** The attached LoRA settings, or {@code null}. */
    public LoraConfig loraConfig() {
        return lora;
    }

    /** Writes {@code adapter_config.json} and {@code adapter.safetensors} into {@code dir}. */
    public void saveAdapters(Path dir) {
        if (lora == null) {
            throw new IllegalStateException("no LoRA adapters attached");
        }
        lora.save(dir.resolve("adapter_config.json"));
        Safetensors.write(dir.resolve("adapter.safetensors"), adapterParams, Map.of("format", "pt"));
    }

    /** Attaches the adapters saved by {@link #saveAdapters} in {@code dir}. */
    public void loadAdapters(Path dir) {
        LoraConfig config = LoraConfig.load(dir.resolve("adapter_config.json"));
        Path file = dir.resolve("adapter.safetensors");
        try (NDManager scratch = manager.newSubManager()) {
            Map<String, NDArray> stored = Safetensors.read(file, scratch);
            attachAdapters(config, copyFrom(stored, file, manager));
        }
    }

    /** Folds the adapters into the base weights ({@code W += (α/r)·B·A}), removes them and unfreezes the model. */
    public void mergeAdapters() {
        if (lora == null) {
            throw new IllegalStateException("no LoRA adapters attached");
        }
        try (NDManager scratch = manager.newSubManager()) {
            NDArray scale = scratch.full(new Shape(), (float) lora.scale());
            for (Dense d : denses) {
                if (d.loraA != null) {
                    NDArray delta = d.loraB.stopGradient().matMul(d.loraA.stopGradient()).mul(scale);
                    float[] merged = d.weight.stopGradient().add(delta).toFloatArray();
                    NDArray w = manager.create(merged, d.weight.getShape());
                    params.put(d.name + ".weight", w);
                    d.weight.close();
                    d.weight = w;
                    d.loraA.close();
                    d.loraB.close();
                    d.loraA = null;
                    d.loraB = null;
                }
            }
        }
        adapterParams.clear();
        lora = null;
        adaptersEnabled = true;
        params.values().forEach(p -> p.setRequiresGradient(true));
    }

    // ---------------------------------------------------------------- accessors

    @Override
    public Map<String, NDArray> trainableParameters() {
        return Collections.unmodifiableMap(lora != null ? adapterParams : params);
    }

    @Override
    public Map<String, NDArray> parameters() {
        Map<String, NDArray> all = new LinkedHashMap<>(params);
        all.putAll(adapterParams);
        return Collections.unmodifiableMap(all);
    }

    /** Number of scalars in {@link #parameters()}. */
    public long parameterCount() {
        return parameters().values().stream().mapToLong(a -> a.getShape().size()).sum();
    }

    /** Number of scalars in {@link #trainableParameters()}. */
    public long trainableParameterCount() {
        return trainableParameters().values().stream().mapToLong(a -> a.getShape().size()).sum();
    }

    public VlmConfig config() {
        return config;
    }

    public WordTokenizer tokenizer() {
        return tokenizer;
    }

    /** The chat template as the training loops' {@link TurnEncoder}. */
    public TurnEncoder encoder() {
        return new ChatTemplate(tokenizer);
    }

    /** A collator for this model's image size and pad id, caching up to 4,096 decoded images. */
    public RowCollator collator() {
        return new WorldCollator(config.imageSize(), tokenizer.padId(), config.maxTextLength(), new PixelCache(config.imageSize(), 4096));
    }

    /** The model's own manager (parameters live there). */
    NDManager manager() {
        return manager;
    }

    boolean adaptersActive() {
        return lora != null && adaptersEnabled;
    }

    @Override
    public void close() {
        manager.close();
    }

    /** {@code 1/√fan_in} of a {@code [out, in]} matrix or a {@code [rows, d]} embedding table; 0.02 for vectors. */
    static double fanInStd(Shape shape) {
        return shape.dimension() == 2 ? 1.0 / Math.sqrt(shape.get(1)) : 0.02;
    }

    private static double gaussian(SplittableRandom random) {
        double u1 = random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }
}
