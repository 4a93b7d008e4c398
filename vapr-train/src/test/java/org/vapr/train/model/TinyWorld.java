package org.vapr.train.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.vapr.train.data.TokenBlock;
import org.vapr.train.text.WordTokenizer;

/** Test fixtures: a tiny config and tokenizer, images on disk, the answer-token loss and a minimal Adam. */
final class TinyWorld {
    static final List<String> TEXTS = List.of("What color is the image?", "The image is red.", "The image is green.",
            "The image is blue.", "Is there a circle?", "Yes, there is a circle.", "No, there is no circle.");

    private TinyWorld() {
    }

    static WordTokenizer tokenizer() {
        return WordTokenizer.build(TEXTS, 1);
    }

    static VlmConfig config(int vocab) {
        return new VlmConfig(16, 8, 32, 2, 2, 64, 1, vocab, 32, 10000, 1e-5, 0.0, true);
    }

    static WorldVlm model(long seed) {
        WordTokenizer t = tokenizer();
        return WorldVlm.create(config(t.size()), t, seed);
    }

    /** A solid-color PNG with a darker square, {@code size} pixels. */
    static Path image(Path dir, String name, Color color, int size) throws IOException {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, size, size);
        g.setColor(color.darker());
        g.fillRect(size / 4, size / 4, size / 3, size / 3);
        g.dispose();
        Path f = dir.resolve(name + ".png");
        ImageIO.write(img, "png", f.toFile());
        return f;
    }

    /** Mean negative log-likelihood of the completion tokens: logits[t] scores tokens[t + 1]. */
    static NDArray answerLoss(NDArray logits, TokenBlock block) {
        NDArray picked = tokenLogps(logits, block.tokens());
        NDArray mask = block.completionMask().get(":, 1:");
        return picked.mul(mask).sum().neg().div(mask.sum());
    }

    /** {@code [B, T-1]} log-probability of each next token. */
    static NDArray tokenLogps(NDArray logits, NDArray tokens) {
        NDArray logp = logits.get(":, :-1, :").logSoftmax(2);
        NDArray target = tokens.get(":, 1:").toType(DataType.INT64, false).expandDims(2);
        return logp.gather(target, 2).squeeze(2);
    }

    /** A few hundred Adam steps (no weight decay) on one repeated block; returns the loss of each step. */
    static float[] train(WorldVlm model, java.util.function.Function<NDManager, TokenBlock> blocks, int steps, float lr) {
        Map<String, NDArray> params = model.trainableParameters();
        float[] losses = new float[steps];
        try (NDManager state = NDManager.newBaseManager()) {
            Map<String, NDArray[]> moments = new LinkedHashMap<>();
            params.forEach((k, v) -> moments.put(k, new NDArray[] {state.zeros(v.getShape()), state.zeros(v.getShape())}));
            for (int step = 1; step <= steps; step++) {
                try (NDManager m = state.newSubManager()) {
                    TokenBlock block = blocks.apply(m);
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray loss = answerLoss(model.logits(block.pixels(), block.tokens(), true), block);
                        gc.backward(loss);
                        losses[step - 1] = loss.getFloat();
                    }
                    float c1 = 1 - (float) Math.pow(0.9, step);
                    float c2 = 1 - (float) Math.pow(0.999, step);
                    for (Map.Entry<String, NDArray> e : params.entrySet()) {
                        NDArray w = e.getValue();
                        NDArray g = w.getGradient();
                        g.attach(m);
                        NDArray[] mv = moments.get(e.getKey());
                        mv[0].muli(0.9f).addi(g.mul(0.1f));
                        mv[1].muli(0.999f).addi(g.mul(g).mul(0.001f));
                        w.subi(mv[0].div(c1).div(mv[1].div(c2).sqrt().add(1e-8f)).mul(lr));
                        g.subi(g);
                    }
                }
            }
        }
        return losses;
    }

    static float maxAbsDiff(NDArray a, NDArray b) {
        float[] x = a.toFloatArray();
        float[] y = b.toFloatArray();
        float max = 0;
        for (int i = 0; i < x.length; i++) {
            max = Math.max(max, Math.abs(x[i] - y[i]));
        }
        return max;
    }

    static NDArray randomPixels(NDManager m, int batch, long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        float[] v = new float[batch * 3 * 16 * 16];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return m.create(v, new Shape(batch, 3, 16, 16));
    }
}
