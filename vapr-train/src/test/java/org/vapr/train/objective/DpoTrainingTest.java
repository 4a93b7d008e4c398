package org.vapr.train.objective;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
import org.vapr.core.io.Json;
import org.vapr.train.data.EncodedPair;
import org.vapr.train.loop.AdamWSettings;
import org.vapr.train.loop.AppendLog;
import org.vapr.train.loop.DivergenceGuard;
import org.vapr.train.loop.LoopSettings;
import org.vapr.train.loop.MetricsFileWriter;
import org.vapr.train.loop.MicroBatchResult;
import org.vapr.train.loop.ScheduleShape;
import org.vapr.train.loop.TinyCollator;
import org.vapr.train.loop.TinyData;
import org.vapr.train.loop.TinyVlm;
import org.vapr.train.loop.TrainingLoop;

/** DPO with LoRA on the tiny model: reference = adapters off, the dump, and eval metrics recomputed from the dump. */
class DpoTrainingTest {
    static final int VOCAB = 9;

    @TempDir
    Path tmp;

    @Test
    void atStepZeroThePolicyEqualsTheReferenceSoRewardsAreZeroAndLossIsLog2() {
        try (TinyVlm model = new TinyVlm(VOCAB, 6, 0f, 3).withAdapter(2, 5); NDManager m = NDManager.newBaseManager()) {
            List<EncodedPair> pairs = TinyData.pairs(6, VOCAB, 2);
            model.setAdaptersEnabled(false);
            List<PairScore> ref = new PairScorer(new TinyCollator(), 4).score(model, pairs, m);
            model.setAdaptersEnabled(true);
            DpoObjective o = new DpoObjective(model, new TinyCollator(), pairs, ref, new DpoLoss(DpoSettings.paper()));
            MicroBatchResult r = o.forward(m, new int[] {0, 1, 2, 3, 4, 5}, false);
            assertThat(r.metrics().get("loss")).isCloseTo(Math.log(2), within(1e-6));
            assertThat(r.metrics().get("rewards/chosen")).isCloseTo(0, within(1e-6));
            assertThat(r.metrics().get("rewards/accuracies")).isZero(); // all ties
            assertThat(r.metrics().get("logps/chosen")).isCloseTo(
                    ref.stream().mapToDouble(PairScore::logpChosen).average().orElseThrow(), within(1e-5));
            assertThat(ref.get(0).rejectedTokens()).isEqualTo(pairs.get(0).rejectedIds().length);
        }
    }

    @Test
    void evalMetricsAreRecomputedExactlyFromTheDumpAndRewardAccuracyRises() throws IOException {
        List<EncodedPair> train = TinyData.pairs(24, VOCAB, 2);
        List<EncodedPair> eval = TinyData.pairs(30, VOCAB, 9).subList(20, 30);
        DpoLoss loss = new DpoLoss(new DpoSettings(DpoLossType.SIGMOID, 0.5, 0, 0.5, 0.2));
        Path out = tmp.resolve("dpo");
        try (TinyVlm model = new TinyVlm(VOCAB, 6, 0f, 3).withAdapter(2, 5); NDManager m = NDManager.newBaseManager();
             AppendLog metrics = AppendLog.open(out.resolve("metrics.jsonl"));
             AppendLog dump = AppendLog.open(out.resolve("dump.jsonl"))) {
            PairScorer scorer = new PairScorer(new TinyCollator(), 8);
            model.setAdaptersEnabled(false);
            List<PairScore> trainRef = scorer.score(model, train, m);
            List<PairScore> evalRef = scorer.score(model, eval, m);
            model.setAdaptersEnabled(true);
            LoopSettings s = new LoopSettings(3, 4, 2, 0.05, 0.1, ScheduleShape.LINEAR, 1, AdamWSettings.defaults(), 11, 1, 0);
            new TrainingLoop(model, new DpoObjective(model, new TinyCollator(), train, trainRef, loss), s,
                    new DpoEpochEvaluation(model, scorer, loss, train, trainRef, eval, evalRef, dump),
                    List.of(new DivergenceGuard(), new MetricsFileWriter(metrics))).track(metrics).track(dump).run(null);
        }
        List<JsonNode> evals = new ArrayList<>();
        for (String l : Files.readAllLines(out.resolve("metrics.jsonl"))) {
            JsonNode n = Json.mapper().readTree(l);
            if (n.has("eval_loss")) {
                evals.add(n);
            }
        }
        assertThat(evals).hasSize(3);
        List<PairDumpLine> dumped = new ArrayList<>();
        for (String l : Files.readAllLines(out.resolve("dump.jsonl"))) {
            dumped.add(Json.mapper().readValue(l, PairDumpLine.class));
        }
        assertThat(dumped).hasSize(3 * (24 + 10));
        for (int epoch = 1; epoch <= 3; epoch++) {
            int e = epoch;
            PairLogProbs[] pairs = dumped.stream().filter(d -> d.epoch() == e && d.split().equals("eval"))
                    .map(PairDumpLine::logProbs).toArray(PairLogProbs[]::new);
            assertThat(pairs).hasSize(10);
            Map<String, Double> recomputed = PreferenceMetrics.evalPrefixed(
                    PreferenceMetrics.of(loss, PreferenceMetrics.loss(loss, pairs), pairs));
            JsonNode line = evals.get(epoch - 1);
            assertThat(line.get("step").asLong()).isEqualTo(3L * epoch);
            recomputed.forEach((k, v) -> assertThat(line.get(k).asDouble()).as(k).isEqualTo(v));
        }
        assertThat(evals.get(2).get("eval_rewards/accuracies").asDouble())
                .isGreaterThan(evals.get(0).get("eval_rewards/accuracies").asDouble() - 1e-9)
                .isGreaterThan(0.5);
        assertThat(evals.get(2).get("eval_rewards/margins").asDouble()).isGreaterThan(0);
        String firstTrain = Files.readAllLines(out.resolve("dump.jsonl")).get(0);
        assertThat(Json.mapper().readTree(firstTrain).fieldNames()).toIterable().contains("epoch", "split", "id",
                "logp_chosen", "logp_rejected", "ref_logp_chosen", "ref_logp_rejected");
    }
}
