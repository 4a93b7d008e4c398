package org.vapr.train.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vapr.core.InputException;
import org.vapr.core.io.Json;
import org.vapr.train.objective.SftObjective;

class TrainingLoopTest {
    static final int VOCAB = 9;

    @TempDir
    Path tmp;

    static LoopSettings settings(int epochs, int micro, int accum, double lr, int checkpointEvery) {
        return new LoopSettings(epochs, micro, accum, lr, 0.2, ScheduleShape.COSINE, 1.0, new AdamWSettings(0.9, 0.999, 1e-8, 0.01),
                7, 2, checkpointEvery);
    }

    /** Runs SFT on toy rows into {@code out}; returns the metrics file. */
    Path sft(Path out, LoopSettings s, Path resume, List<TrainingListener> extra) throws IOException {
        try (TinyVlm model = new TinyVlm(VOCAB, 6, 0.2f, 3); AppendLog metrics = AppendLog.open(out.resolve("metrics.jsonl"))) {
            List<TrainingListener> listeners = new ArrayList<>(List.of(new DivergenceGuard(), new MetricsFileWriter(metrics)));
            if (s.checkpointEvery() > 0) {
                listeners.add(new CheckpointWriter(out, s.checkpointEvery()));
            }
            listeners.addAll(extra);
            SftObjective objective = new SftObjective(model, new TinyCollator(), TinyData.rows(21, VOCAB, 1));
            new TrainingLoop(model, objective, s, null, listeners).track(metrics).run(resume);
        }
        return out.resolve("metrics.jsonl");
    }

    static List<JsonNode> lines(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String l : Files.readAllLines(file)) {
            out.add(Json.mapper().readTree(l));
        }
        return out;
    }

    @Test
    void sftLossFallsAndEveryLoggingStepIsWritten() throws IOException {
        Path metrics = sft(tmp.resolve("a"), settings(4, 4, 2, 0.1, 0), null, List.of());
        List<JsonNode> l = lines(metrics);
        // 21 rows, micro 4 → 6 micro-batches, accum 2 → 3 steps/epoch, 12 steps, logged every 2
        assertThat(l).hasSize(6);
        assertThat(l.get(0).get("step").asLong()).isEqualTo(2);
        assertThat(l.get(5).get("step").asLong()).isEqualTo(12);
        assertThat(l.get(5).get("epoch").asDouble()).isEqualTo(4.0);
        assertThat(l.get(0).get("epoch").asDouble()).isEqualTo(0.6667);
        assertThat(l.get(0).fieldNames()).toIterable().containsExactlyInAnyOrder("step", "epoch", "loss", "learning_rate", "grad_norm");
        assertThat(l.get(5).get("loss").asDouble()).isLessThan(l.get(0).get("loss").asDouble() * 0.7);
    }

    @Test
    void resumingFromACheckpointWritesByteIdenticalMetrics() throws IOException {
        LoopSettings s = settings(3, 4, 2, 0.05, 3);
        byte[] uninterrupted = Files.readAllBytes(sft(tmp.resolve("full"), s, null, List.of()));

        Path out = tmp.resolve("resumed");
        TrainingListener crash = new TrainingListener() {
            @Override
            public void afterStep(TrainingLoop loop, long step) {
                if (step == 5) {
                    throw new IllegalStateException("simulated crash");
                }
            }
        };
        assertThatThrownBy(() -> sft(out, s, null, List.of(crash))).hasMessage("simulated crash");
        Path checkpoint = LoopCheckpoint.latest(out).orElseThrow();
        assertThat(checkpoint.getFileName().toString()).isEqualTo("step-00000003");
        assertThat(LoopCheckpoint.read(checkpoint).window()).as("step 3 is not a logging step").hasSize(2);
        byte[] resumed = Files.readAllBytes(sft(out, s, checkpoint, List.of()));
        assertThat(new String(resumed)).isEqualTo(new String(uninterrupted));
    }

    @Test
    void aCheckpointOfOtherSettingsIsRefused() throws IOException {
        Path out = tmp.resolve("c");
        sft(out, settings(1, 4, 2, 0.05, 3), null, List.of());
        Path checkpoint = LoopCheckpoint.latest(out).orElseThrow();
        assertThatThrownBy(() -> sft(out, settings(1, 4, 2, 0.01, 3), checkpoint, List.of()))
                .isInstanceOf(InputException.class).hasMessageContaining("written with other settings");
    }

    @Test
    void accumulatingTwoMicroBatchesEqualsOneBatchOfBoth() throws IOException {
        float[] accumulated = trainOneStepNoDropout(2, 2);
        float[] whole = trainOneStepNoDropout(4, 1);
        assertThat(accumulated).usingComparatorWithPrecision(1e-6f).containsExactly(whole);
    }

    private float[] trainOneStepNoDropout(int micro, int accum) throws IOException {
        try (TinyVlm model = new TinyVlm(VOCAB, 6, 0f, 3)) {
            // 4 rows whose completions all have 2 tokens, so the token mean of the whole equals the mean of the halves
            var rows = TinyData.rows(40, VOCAB, 1).stream().filter(r -> r.completionIds().length == 2).limit(4).toList();
            LoopSettings s = new LoopSettings(1, micro, accum, 0.1, 0, ScheduleShape.CONSTANT, 0, AdamWSettings.defaults(), 7, 1, 0);
            new TrainingLoop(model, new SftObjective(model, new TinyCollator(), rows), s, null, List.of()).run(null);
            return model.parameters().get("head").toFloatArray();
        }
    }

    @Test
    void adamWMatchesPyTorchsFormulaForTwoSteps() {
        try (NDManager m = NDManager.newBaseManager(); AdamW adam = new AdamW(new AdamWSettings(0.9, 0.999, 1e-8, 0.1), m)) {
            NDArray p = m.create(new float[] {1.0f});
            double pe = 1.0, me = 0, ve = 0;
            double[] grads = {0.5, -0.25};
            for (int t = 1; t <= 2; t++) {
                double g = grads[t - 1];
                try (NDManager step = m.newSubManager()) {
                    adam.update(Map.of("p", p), Map.of("p", step.create(new float[] {(float) g})), 0.01, step);
                }
                pe *= 1 - 0.01 * 0.1;
                me = 0.9 * me + 0.1 * g;
                ve = 0.999 * ve + 0.001 * g * g;
                pe -= 0.01 / (1 - Math.pow(0.9, t)) * me / (Math.sqrt(ve) / Math.sqrt(1 - Math.pow(0.999, t)) + 1e-8);
            }
            assertThat((double) p.getFloat(0)).isCloseTo(pe, within(1e-6));
            assertThat(adam.steps()).isEqualTo(2);
        }
    }

    @Test
    void scheduleWarmsUpLinearlyThenDecays() {
        LearningRateSchedule cos = LearningRateSchedule.of(1.0, 0.1, 100, ScheduleShape.COSINE);
        assertThat(cos.warmupSteps()).isEqualTo(10);
        assertThat(cos.at(0)).isZero();
        assertThat(cos.at(5)).isEqualTo(0.5);
        assertThat(cos.at(10)).isEqualTo(1.0);
        assertThat(cos.at(55)).isCloseTo(0.5, within(1e-12));
        assertThat(LearningRateSchedule.of(1.0, 0.1, 100, ScheduleShape.LINEAR).at(55)).isCloseTo(0.5, within(1e-12));
        assertThat(LearningRateSchedule.of(1.0, 0.03, 100, ScheduleShape.CONSTANT).at(99)).isEqualTo(1.0);
        assertThat(LearningRateSchedule.of(1.0, 0.03, 100, ScheduleShape.CONSTANT).warmupSteps()).isEqualTo(3);
    }

    @Test
    void aNonFiniteLossStopsTrainingNamingTheStep() throws IOException {
        try (TinyVlm model = new TinyVlm(VOCAB, 6, 0f, 3)) {
            SftObjective sftObjective = new SftObjective(model, new TinyCollator(), TinyData.rows(8, VOCAB, 1));
            Objective poisoned = new Objective() {
                int calls;

                @Override
                public int size() {
                    return sftObjective.size();
                }

                @Override
                public MicroBatchResult forward(NDManager manager, int[] examples, boolean training) {
                    MicroBatchResult r = sftObjective.forward(manager, examples, training);
                    if (++calls < 3) {
                        return r;
                    }
                    NDArray nan = r.loss().mul(manager.full(new ai.djl.ndarray.types.Shape(), Float.NaN));
                    return new MicroBatchResult(nan, Map.of("loss", Double.NaN));
                }
            };
            LoopSettings s = new LoopSettings(2, 2, 1, 0.01, 0, ScheduleShape.CONSTANT, 1, AdamWSettings.defaults(), 7, 1, 0);
            TrainingLoop loop = new TrainingLoop(model, poisoned, s, null, List.of(new DivergenceGuard()));
            assertThatThrownBy(() -> loop.run(null)).isInstanceOf(TrainingDivergedException.class)
                    .hasMessageStartingWith("training diverged at step 3: the loss is NaN");
        }
    }

    @Test
    void nativeArraysStayFlatOverManySteps() throws IOException {
        try (TinyVlm model = new TinyVlm(VOCAB, 6, 0.2f, 3)) {
            List<Integer> counts = new ArrayList<>();
            TrainingListener counter = new TrainingListener() {
                @Override
                public void afterStep(TrainingLoop loop, long step) {
                    counts.add(countArrays(model.manager));
                }
            };
            LoopSettings s = new LoopSettings(10, 4, 2, 0.01, 0, ScheduleShape.CONSTANT, 1, AdamWSettings.defaults(), 7, 5, 0);
            new TrainingLoop(model, new SftObjective(model, new TinyCollator(), TinyData.rows(16, VOCAB, 1)), s, null,
                    List.of(counter)).run(null);
            assertThat(counts).hasSize(20);
            assertThat(counts.get(19)).as("arrays after step 20 vs step 2").isEqualTo(counts.get(1));
        }
    }

    private static int countArrays(NDManager m) {
        return m.getManagedArrays().size();
    }

    @Test
    void dataOrderIsASeededPermutationPerEpoch() throws IOException {
        try (TinyVlm model = new TinyVlm(VOCAB, 6, 0f, 3)) {
            SftObjective o = new SftObjective(model, new TinyCollator(), TinyData.rows(10, VOCAB, 1));
            TrainingLoop a = new TrainingLoop(model, o, settings(2, 2, 1, 0.01, 0), null, List.of());
            TrainingLoop b = new TrainingLoop(model, o, settings(2, 2, 1, 0.01, 0), null, List.of());
            assertThat(a.order(0)).containsExactly(b.order(0)).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
            assertThat(a.order(1)).isNotEqualTo(a.order(0));
        }
    }

    @Test
    void groupingByLengthKeepsEachEpochAPermutationAndCutsPadding() throws IOException {
        int n = 1003;
        int[] lengths = new java.util.SplittableRandom(5).ints(n, 5, 100).toArray();
        Objective byLength = new Objective() {
            @Override
            public int size() {
                return n;
            }

            @Override
            public int length(int example) {
                return lengths[example];
            }

            @Override
            public MicroBatchResult forward(NDManager manager, int[] examples, boolean training) {
                throw new UnsupportedOperationException();
            }
        };
        try (TinyVlm model = new TinyVlm(VOCAB, 6, 0f, 3)) {
            LoopSettings plain = settings(2, 8, 1, 0.01, 0);
            LoopSettings grouped = new LoopSettings(2, 8, 1, 0.01, 0.2, ScheduleShape.COSINE, 1.0,
                    new AdamWSettings(0.9, 0.999, 1e-8, 0.01), 7, 2, 0, true);
            int[] order = new TrainingLoop(model, byLength, grouped, null, List.of()).order(0);
            int[] again = new TrainingLoop(model, byLength, grouped, null, List.of()).order(0);
            assertThat(order).containsExactly(again);
            assertThat(java.util.Arrays.stream(order).sorted().toArray()).containsExactly(java.util.stream.IntStream.range(0, n).toArray());
            assertThat(new TrainingLoop(model, byLength, grouped, null, List.of()).order(1)).isNotEqualTo(order);
            long paddedPlain = padded(new TrainingLoop(model, byLength, plain, null, List.of()).order(0), lengths, 8);
            long paddedGrouped = padded(order, lengths, 8);
            // random batches of 8 pad to about 90 tokens a row; sorted mega-batches of 400 to within a few tokens
            assertThat(paddedGrouped).isLessThan(paddedPlain / 5);
            assertThat(new TrainingLoop(model, byLength, grouped, null, List.of()).fingerprint()).contains("groupByLength=true");
        }
    }

    /** Padding tokens when {@code order} is cut into micro-batches padded to their longest row. */
    private static long padded(int[] order, int[] lengths, int micro) {
        long pad = 0;
        for (int from = 0; from < order.length; from += micro) {
            int to = Math.min(order.length, from + micro);
            int max = 0;
            for (int i = from; i < to; i++) {
                max = Math.max(max, lengths[order[i]]);
            }
            for (int i = from; i < to; i++) {
                pad += max - lengths[order[i]];
            }
        }
        return pad;
    }
}
