package org.vapr.train.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.vapr.train.text.ChatTemplate;

/**
 * Answers questions about images with a {@link WorldVlm}: batched, with a key/value cache, greedy or sampled.
 * Prompts of different lengths are left-padded after the image tokens; the pads are masked out and every row keeps
 * the RoPE positions it would have alone, so a row's answer does not depend on its batch. A row stops at
 * {@code <eos>} or after {@code maxNewTokens}. Sampling draws from a generator seeded by (seed, row index), so the
 * same seed gives the same answers whatever the batch size.
 */
public final class Generator {
    private final WorldVlm model;
    private final PixelCache pixels;

    /**
     * How to pick tokens.
     *
     * @param maxNewTokens most tokens generated per row ({@code <eos>} included)
     * @param temperature  0 for greedy, otherwise softmax temperature
     * @param seed         sampling seed
     * @param batchSize    rows per forward pass in {@link #generate}
     */
    public record Settings(int maxNewTokens, double temperature, long seed, int batchSize) {
        public Settings {
            if (maxNewTokens <= 0 || temperature < 0 || batchSize <= 0) {
                throw new IllegalArgumentException("max_new_tokens and batch size must be positive, temperature >= 0");
            }
        }

        /** Greedy decoding, batches of 64. */
        public static Settings greedy(int maxNewTokens) {
            return new Settings(maxNewTokens, 0, 0, 64);
        }
    }

    public Generator(WorldVlm model) {
        this(model, new PixelCache(model.config().imageSize(), 1024));
    }

    public Generator(WorldVlm model, PixelCache pixels) {
        this.model = model;
        this.pixels = pixels;
    }

    /** The decoded answer to each (image, question), in order. */
    public List<String> generate(List<Path> images, List<String> questions, Settings settings) {
        if (images.size() != questions.size()) {
            throw new IllegalArgumentException(images.size() + " images but " + questions.size() + " questions");
        }
        ChatTemplate template = new ChatTemplate(model.tokenizer());
        int size = model.config().imageSize();
        int plane = 3 * size * size;
        List<String> out = new ArrayList<>(questions.size());
        for (int start = 0; start < questions.size(); start += settings.batchSize()) {
            int end = Math.min(questions.size(), start + settings.batchSize());
            float[] px = new float[(end - start) * plane];
            List<int[]> prompts = new ArrayList<>();
            for (int i = start; i < end; i++) {
                System.arraycopy(pixels.pixels(images.get(i)), 0, px, (i - start) * plane, plane);
                prompts.add(template.prompt(questions.get(i)));
            }
            try (NDManager m = model.manager().newSubManager()) {
                NDArray pixelArray = m.create(px, new Shape(end - start, 3, size, size));
                for (int[] ids : generateIds(pixelArray, prompts, settings, start)) {
                    out.add(model.tokenizer().decode(ids));
                }
            }
        }
        return out;
    }

    /**
     * Generated ids (without {@code <eos>}) for each prompt; {@code pixels} is {@code [B, 3, H, W]}, one image per
     * prompt.
     */
    public List<int[]> generateIds(NDArray pixels, List<int[]> prompts, Settings settings) {
        return generateIds(pixels, prompts, settings, 0);
    }

    private List<int[]> generateIds(NDArray pixels, List<int[]> prompts, Settings settings, int rowOffset) {
        int b = prompts.size();
        if (pixels.getShape().get(0) != b) {
            throw new IllegalArgumentException(pixels.getShape().get(0) + " images but " + b + " prompts");
        }
        VlmConfig c = model.config();
        int n = c.imageTokens();
        int hd = c.headDim();
        int longest = 0;
        for (int[] p : prompts) {
            if (p.length == 0) {
                throw new IllegalArgumentException("empty prompt");
            }
            longest = Math.max(longest, p.length);
        }
        int s = n + longest;
        int[] pad = new int[b];
        int[] tokens = new int[b * longest];
        int[] positions = new int[b * s];
        float[] mask = new float[b * s * s];
        for (int r = 0; r < b; r++) {
            int[] p = prompts.get(r);
            pad[r] = longest - p.length;
            java.util.Arrays.fill(tokens, r * longest, r * longest + pad[r], model.tokenizer().padId());
            System.arraycopy(p, 0, tokens, r * longest + pad[r], p.length);
            for (int j = 0; j < s; j++) {
                positions[r * s + j] = j < n ? j : j < n + pad[r] ? 0 : j - pad[r];
                for (int k = 0; k < s; k++) {
                    boolean padKey = k >= n && k < n + pad[r];
                    if (k > j || padKey) {
                        mask[(r * s + j) * s + k] = WorldVlm.MASKED;
                    }
                }
            }
        }
        List<int[]> generated = new ArrayList<>();
        List<List<Integer>> out = new ArrayList<>();
        boolean[] done = new boolean[b];
        SplittableRandom[] random = new SplittableRandom[b];
        for (int r = 0; r < b; r++) {
            out.add(new ArrayList<>());
            random[r] = new SplittableRandom(settings.seed() * 0x9E3779B97F4A7C15L + rowOffset + r);
        }
        try (NDManager m = model.manager().newSubManager()) {
            NDArray px = m.create(pixels.toFloatArray(), pixels.getShape());
            List<WorldVlm.LayerCache> caches = new ArrayList<>();
            for (int i = 0; i < model.blocks.size(); i++) {
                caches.add(new WorldVlm.LayerCache());
            }
            NDArray x = model.encodeImage(px, m, false).concat(model.embedTokens(m.create(tokens, new Shape(b, longest))), 1);
            float[][] rope = WorldVlm.ropeTables(positions, hd, c.ropeTheta());
            Shape tables = new Shape(b, 1, s, hd);
            WorldVlm.Pass pass = model.pass(m, false, m.create(rope[0], tables), m.create(rope[1], tables),
                    m.create(mask, new Shape(b, 1, s, s)));
            for (int i = 0; i < model.blocks.size(); i++) {
                x = model.block(model.blocks.get(i), x, pass, caches.get(i));
            }
            NDArray logits = model.head(model.normalizeFinal(x.get(new NDIndex(":, -1:, :")), pass));
            int vocab = c.vocabSize();
            int eos = model.tokenizer().eosId();
            for (int step = 0; step < settings.maxNewTokens(); step++) {
                float[] scores = logits.toFloatArray();
                int[] next = new int[b];
                boolean all = true;
                for (int r = 0; r < b; r++) {
                    if (done[r]) {
                        next[r] = eos;
                        continue;
                    }
                    next[r] = pick(scores, r * vocab, vocab, settings.temperature(), random[r]);
                    if (next[r] == eos) {
                        done[r] = true;
                    } else {
                        out.get(r).add(next[r]);
                    }
                    all &= done[r];
                }
                if (all || step == settings.maxNewTokens() - 1) {
                    break;
                }
                int keys = s + step + 1;
                int[] stepPositions = new int[b];
                float[] stepMask = new float[b * keys];
                for (int r = 0; r < b; r++) {
                    stepPositions[r] = n + prompts.get(r).length + step;
                    for (int k = n; k < n + pad[r]; k++) {
                        stepMask[r * keys + k] = WorldVlm.MASKED;
                    }
                }
                try (NDManager stepManager = m.newSubManager()) {
                    float[][] stepRope = WorldVlm.ropeTables(stepPositions, hd, c.ropeTheta());
                    Shape stepTables = new Shape(b, 1, 1, hd);
                    WorldVlm.Pass stepPass = model.pass(stepManager, false, stepManager.create(stepRope[0], stepTables),
                            stepManager.create(stepRope[1], stepTables), stepManager.create(stepMask, new Shape(b, 1, 1, keys)));
                    NDArray h = model.embedTokens(stepManager.create(next, new Shape(b, 1)));
                    for (int i = 0; i < model.blocks.size(); i++) {
                        h = model.block(model.blocks.get(i), h, stepPass, caches.get(i));
                        caches.get(i).keys.attach(m);
                        caches.get(i).values.attach(m);
                    }
                    logits = model.head(model.normalizeFinal(h, stepPass));
                    logits.attach(m);
                }
            }
        }
        for (List<Integer> ids : out) {
            generated.add(ids.stream().mapToInt(Integer::intValue).toArray());
        }
        return generated;
    }

    private static int pick(float[] scores, int offset, int vocab, double temperature, SplittableRandom random) {
        int best = 0;
        for (int v = 1; v < vocab; v++) {
            if (scores[offset + v] > scores[offset + best]) {
                best = v;
            }
        }
        if (temperature <= 0) {
            return best;
        }
        double max = scores[offset + best];
        double[] weights = new double[vocab];
        double total = 0;
        for (int v = 0; v < vocab; v++) {
            weights[v] = Math.exp((scores[offset + v] - max) / temperature);
            total += weights[v];
        }
        double u = random.nextDouble() * total;
        for (int v = 0; v < vocab; v++) {
            u -= weights[v];
            if (u < 0) {
                return v;
            }
        }
        return best;
    }
}
