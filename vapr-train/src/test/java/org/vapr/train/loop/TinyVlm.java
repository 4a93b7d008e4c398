package org.vapr.train.loop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.Dropout;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.vapr.train.model.CausalVlm;

/**
 * A test stand-in for the real model: token embedding (one-hot × matrix) plus the mean pixel, optional dropout, and a
 * linear head with an optional LoRA adapter ({@code W + B·A}, B zero-initialised).
 */
public final class TinyVlm implements CausalVlm, AutoCloseable {
    public final NDManager manager = NDManager.newBaseManager();
    private final int vocab;
    private final float dropout;
    private final Map<String, NDArray> base = new LinkedHashMap<>();
    private final Map<String, NDArray> adapters = new LinkedHashMap<>();
    private boolean adaptersEnabled = true;

    public TinyVlm(int vocab, int dim, float dropout, long seed) {
        this.vocab = vocab;
        this.dropout = dropout;
        base.put("embed", gaussian(new Shape(vocab, dim), seed, 0.5));
        base.put("head", gaussian(new Shape(dim, vocab), seed + 1, 0.5));
        base.values().forEach(a -> a.setRequiresGradient(true));
    }

    /** Adds a rank-r adapter on the head and freezes the base. */
    public TinyVlm withAdapter(int rank, long seed) {
        NDArray a = gaussian(new Shape(base.get("head").getShape().get(0), rank), seed + 7, 0.5);
        NDArray b = manager.zeros(new Shape(rank, vocab));
        adapters.put("head.lora_A", a);
        adapters.put("head.lora_B", b);
        base.values().forEach(p -> p.setRequiresGradient(false));
        adapters.values().forEach(p -> p.setRequiresGradient(true));
        return this;
    }

    private NDArray gaussian(Shape shape, long seed, double std) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[(int) shape.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((r.nextDouble() * 2 - 1) * std);
        }
        return manager.create(v, shape);
    }

    @Override
    public Map<String, NDArray> trainableParameters() {
        return adapters.isEmpty() ? base : adapters;
    }

    @Override
    public Map<String, NDArray> parameters() {
        Map<String, NDArray> all = new LinkedHashMap<>(base);
        all.putAll(adapters);
        return all;
    }

    @Override
    public NDArray logits(NDArray pixels, NDArray tokens, boolean training) {
        NDArray oneHot = tokens.toType(DataType.INT64, false).oneHot(vocab);
        NDArray h = oneHot.matMul(base.get("embed"));
        h = h.add(pixels.mean().reshape(1, 1, 1));
        if (training && dropout > 0) {
            h = Dropout.dropout(h, dropout, true).singletonOrThrow();
        }
        NDArray logits = h.matMul(base.get("head"));
        if (!adapters.isEmpty() && adaptersEnabled) {
            logits = logits.add(h.matMul(adapters.get("head.lora_A")).matMul(adapters.get("head.lora_B")));
        }
        return logits;
    }

    @Override
    public void setAdaptersEnabled(boolean enabled) {
        adaptersEnabled = enabled;
    }

    @Override
    public boolean hasAdapters() {
        return !adapters.isEmpty();
    }

    @Override
    public void close() {
        manager.close();
    }
}
