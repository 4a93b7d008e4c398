package org.vapr.train.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorldVlmTest {
    @TempDir
    Path dir;

    private static NDArray tokens(NDManager m, int[][] rows) {
        int t = rows[0].length;
        int[] flat = new int[rows.length * t];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * t, t);
        }
        return m.create(flat, new Shape(rows.length, t));
    }

    @Test
    void logitsCoverTheTextPositionsOnly() {
        try (WorldVlm model = TinyWorld.model(1); NDManager m = NDManager.newBaseManager()) {
            NDArray logits = model.logits(TinyWorld.randomPixels(m, 2, 1), tokens(m, new int[][] {{1, 5, 8, 9, 6, 10, 2}, {1, 5, 8, 9, 6, 11, 2}}), false);
            assertThat(logits.getShape()).isEqualTo(new Shape(2, 7, model.config().vocabSize()));
            assertThat(model.config().imageTokens()).isEqualTo(4);
            // 16 px / patch 8: 192-wide patches; 2 + 1 (vision) layers; tied head
            assertThat(model.parameterCount()).isEqualTo(model.parameters().values().stream().mapToLong(a -> a.getShape().size()).sum());
            assertThat(model.parameters()).containsKeys("vision.patch_embed.weight", "vision.pos_embed", "vision.layers.0.q.weight",
                    "projector.fc1.weight", "embed.weight", "layers.1.down.weight", "norm.weight").doesNotContainKey("lm_head.weight");
        }
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "adapters {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void aTrainingPassLeavesNoArraysInTheModelManager(boolean adapters) {
        // without adapters the fused q/k/v path runs, with them the per-projection path: each must leave nothing behind
        try (WorldVlm model = TinyWorld.model(1); NDManager root = NDManager.newBaseManager()) {
            if (adapters) {
                model.addAdapters(LoraConfig.allLinear(2, 4), 1);
            }
            ai.djl.ndarray.BaseNDManager own = (ai.djl.ndarray.BaseNDManager) model.manager();
            int before = -1; // measured after the first pass, which builds the model's cached constants (RoPE, mask)
            for (int i = 0; i < 4; i++) {
                if (i == 1) {
                    before = own.getManagedArrays().size();
                }
                try (NDManager m = root.newSubManager();
                     ai.djl.training.GradientCollector gc = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
                    NDArray logits = model.logits(TinyWorld.randomPixels(m, 2, i), tokens(m, new int[][] {{1, 5, 8, 6, 9, 2}, {1, 5, 8, 6, 10, 2}}), true);
                    gc.backward(logits.mean());
                    for (NDArray p : model.trainableParameters().values()) {
                        NDArray g = p.getGradient();
                        g.attach(m);
                        g.subi(g);
                    }
                }
            }
            assertThat(own.getManagedArrays()).hasSize(before);
            List<int[]> answers = new Generator(model).generateIds(TinyWorld.randomPixels(root, 1, 1), List.of(new int[] {1, 5, 6}), Generator.Settings.greedy(4));
            assertThat(answers).hasSize(1);
            assertThat(own.getManagedArrays()).hasSize(before);
        }
    }

    @Test
    void laterTokensDoNotChangeEarlierLogitsButTheImageDoes() {
        try (WorldVlm model = TinyWorld.model(2); NDManager m = NDManager.newBaseManager()) {
            NDArray px = TinyWorld.randomPixels(m, 1, 3);
            NDArray a = model.logits(px, tokens(m, new int[][] {{1, 5, 8, 9, 10, 6, 11, 12}}), false);
            NDArray b = model.logits(px, tokens(m, new int[][] {{1, 5, 8, 9, 10, 7, 13, 2}}), false);
            assertThat(TinyWorld.maxAbsDiff(a.get(":, :5, :"), b.get(":, :5, :"))).isLessThan(1e-6f);
            assertThat(TinyWorld.maxAbsDiff(a.get(":, 5:, :"), b.get(":, 5:, :"))).isGreaterThan(1e-4f);
            NDArray c = model.logits(TinyWorld.randomPixels(m, 1, 4), tokens(m, new int[][] {{1, 5, 8, 9, 10, 6, 11, 12}}), false);
            assertThat(TinyWorld.maxAbsDiff(a.get(":, 0, :"), c.get(":, 0, :"))).isGreaterThan(1e-4f);
        }
    }

    @Test
    void sameSeedSameWeightsAndSaveLoadGivesIdenticalLogits() {
        try (WorldVlm model = TinyWorld.model(7); WorldVlm twin = TinyWorld.model(7); WorldVlm other = TinyWorld.model(8);
             NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> p = model.parameters();
            p.forEach((k, v) -> assertThat(v.toFloatArray()).as(k).isEqualTo(twin.parameters().get(k).toFloatArray()));
            assertThat(other.parameters().get("embed.weight").toFloatArray()).isNotEqualTo(p.get("embed.weight").toFloatArray());
            model.save(dir.resolve("m"));
            assertThat(dir.resolve("m/config.json")).exists();
            assertThat(dir.resolve("m/tokenizer.json")).exists();
            try (WorldVlm back = WorldVlm.load(dir.resolve("m"))) {
                assertThat(back.config()).isEqualTo(model.config());
                NDArray px = TinyWorld.randomPixels(m, 2, 5);
                NDArray t = tokens(m, new int[][] {{1, 5, 8, 9, 6, 10, 2}, {1, 5, 8, 9, 6, 11, 0}});
                assertThat(back.logits(px, t, false).toFloatArray()).isEqualTo(model.logits(px, t, false).toFloatArray());
            }
        }
    }

    @Test
    void loraStartsAsTheBaseTrainsOnlyAdaptersAndMergesToTheSameFunction() throws Exception {
        try (WorldVlm model = TinyWorld.model(3); NDManager m = NDManager.newBaseManager()) {
            NDArray px = TinyWorld.randomPixels(m, 2, 6);
            NDArray t = tokens(m, new int[][] {{1, 5, 8, 9, 6, 10, 2}, {1, 5, 8, 9, 6, 11, 2}});
            float[] base = model.logits(px, t, false).toFloatArray();
            long baseCount = model.parameterCount();
            model.addAdapters(new LoraConfig(4, 8, 0, List.of("q", "v", "down", "proj")), 11);
            assertThat(model.hasAdapters()).isTrue();
            assertThat(model.logits(px, t, false).toFloatArray()).isEqualTo(base);
            assertThat(model.trainableParameters().keySet()).allMatch(k -> k.contains(".lora_A.") || k.contains(".lora_B."))
                    .contains("layers.0.q.lora_A.weight", "layers.1.down.lora_B.weight", "projector.fc1.lora_A.weight")
                    .noneMatch(k -> k.startsWith("vision.") || k.contains(".k.") || k.contains(".gate."));
            assertThat(model.trainableParameters()).hasSize(2 * (2 * 3 + 2));
            assertThat(model.parameterCount()).isEqualTo(baseCount + model.trainableParameterCount());

            SplittableRandom r = new SplittableRandom(9);
            for (Map.Entry<String, NDArray> e : model.trainableParameters().entrySet()) {
                if (e.getKey().contains("lora_B")) {
                    float[] v = new float[(int) e.getValue().getShape().size()];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = (float) (r.nextDouble() - 0.5) * 0.2f;
                    }
                    try (NDArray delta = m.create(v, e.getValue().getShape())) {
                        e.getValue().addi(delta);
                    }
                }
            }
            float[] adapted = model.logits(px, t, false).toFloatArray();
            assertThat(maxDiff(adapted, base)).isGreaterThan(1e-3f);
            model.setAdaptersEnabled(false);
            assertThat(model.logits(px, t, false).toFloatArray()).isEqualTo(base);
            model.setAdaptersEnabled(true);

            Path adapterDir = dir.resolve("adapter");
            Files.createDirectories(adapterDir);
            model.saveAdapters(adapterDir);
            model.save(dir.resolve("full"));
            try (WorldVlm reloaded = WorldVlm.load(dir.resolve("full"))) {
                assertThat(reloaded.hasAdapters()).isTrue();
                assertThat(reloaded.logits(px, t, false).toFloatArray()).isEqualTo(adapted);
            }
            try (WorldVlm fresh = TinyWorld.model(3)) {
                fresh.loadAdapters(adapterDir);
                assertThat(fresh.logits(px, t, false).toFloatArray()).isEqualTo(adapted);
            }

            model.mergeAdapters();
            assertThat(model.hasAdapters()).isFalse();
            assertThat(model.parameterCount()).isEqualTo(baseCount);
            assertThat(model.trainableParameters()).hasSize(model.parameters().size());
            assertThat(maxDiff(model.logits(px, t, false).toFloatArray(), adapted)).isLessThan(1e-4f);
        }
    }

    private static float maxDiff(float[] a, float[] b) {
        float max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    @Test
    void cachedBatchedGreedyGenerationEqualsUncachedDecodingRowByRow() {
        try (WorldVlm model = TinyWorld.model(4); NDManager m = NDManager.newBaseManager()) {
            // sharpen the tied embedding so the argmax never hangs on rounding noise
            NDArray embed = model.parameters().get("embed.weight");
            try (NDArray k = m.full(new Shape(), 60f)) {
                embed.muli(k);
            }
            List<int[]> prompts = List.of(new int[] {1, 5, 8, 9, 6}, new int[] {1, 5, 10, 6}, new int[] {1, 5, 8, 11, 12, 13, 6});
            NDArray px = TinyWorld.randomPixels(m, 3, 10);
            Generator.Settings greedy = new Generator.Settings(6, 0, 0, 8);
            List<int[]> cached = new Generator(model).generateIds(px, prompts, greedy);
            for (int r = 0; r < prompts.size(); r++) {
                List<Integer> seq = new ArrayList<>();
                for (int id : prompts.get(r)) {
                    seq.add(id);
                }
                List<Integer> expected = new ArrayList<>();
                for (int step = 0; step < 6; step++) {
                    try (NDManager s = m.newSubManager()) {
                        NDArray tk = s.create(seq.stream().mapToInt(Integer::intValue).toArray(), new Shape(1, seq.size()));
                        float[] last = model.logits(px.get(r + ":" + (r + 1)), tk, false).get(":, -1, :").toFloatArray();
                        int best = 0;
                        for (int v = 1; v < last.length; v++) {
                            best = last[v] > last[best] ? v : best;
                        }
                        if (best == model.tokenizer().eosId()) {
                            break;
                        }
                        expected.add(best);
                        seq.add(best);
                    }
                }
                assertThat(cached.get(r)).as("row " + r).containsExactly(expected.stream().mapToInt(Integer::intValue).toArray());
            }
            Generator.Settings sampled = new Generator.Settings(6, 1.0, 42, 8);
            List<int[]> s1 = new Generator(model).generateIds(px, prompts, sampled);
            List<int[]> s2 = new Generator(model).generateIds(px, prompts, sampled);
            for (int r = 0; r < prompts.size(); r++) {
                assertThat(s1.get(r)).isEqualTo(s2.get(r));
            }
        }
    }
}
