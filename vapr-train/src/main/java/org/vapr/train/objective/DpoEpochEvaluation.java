package org.vapr.train.objective;

import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Map;
import org.vapr.train.data.EncodedPair;
import org.vapr.train.loop.AppendLog;
import org.vapr.train.loop.EpochEndEvaluation;
import org.vapr.train.model.CausalVlm;

/**
 * DPO's epoch-end work: a full pass (dropout off, no gradients) over the training pairs when a dump is requested, and
 * over the evaluation pairs. Every scored pair is written to the dump ({@code split} train or eval); the {@code eval_}
 * metrics are computed from exactly the numbers written for the eval pairs, so they can be recomputed from the dump
 * ({@link PreferenceMetrics#loss} and {@link PreferenceMetrics#of}).
 */
public final class DpoEpochEvaluation implements EpochEndEvaluation {
    private final CausalVlm model;
    private final PairScorer scorer;
    private final DpoLoss loss;
    private final List<EncodedPair> trainPairs;
    private final List<PairScore> trainReference;
    private final List<EncodedPair> evalPairs;
    private final List<PairScore> evalReference;
    private final AppendLog dump;

    /**
     * @param dump the pair dump, or {@code null}; without it the training pairs are not scored
     */
    public DpoEpochEvaluation(CausalVlm model, PairScorer scorer, DpoLoss loss, List<EncodedPair> trainPairs,
                              List<PairScore> trainReference, List<EncodedPair> evalPairs,
                              List<PairScore> evalReference, AppendLog dump) {
        this.model = model;
        this.scorer = scorer;
        this.loss = loss;
        this.trainPairs = List.copyOf(trainPairs);
        this.trainReference = List.copyOf(trainReference);
        this.evalPairs = List.copyOf(evalPairs);
        this.evalReference = List.copyOf(evalReference);
        this.dump = dump;
    }

    @Override
    public Map<String, Double> evaluate(int epoch, NDManager manager) {
        if (dump != null) {
            score(epoch, "train", trainPairs, trainReference, manager);
        }
        if (evalPairs.isEmpty()) {
            return Map.of();
        }
        List<PairDumpLine> lines = score(epoch, "eval", evalPairs, evalReference, manager);
        return PreferenceMetrics.evalPrefixed(PreferenceMetrics.ofLines(loss, lines));
    }

    private List<PairDumpLine> score(int epoch, String split, List<EncodedPair> pairs, List<PairScore> reference,
                                     NDManager manager) {
        List<PairScore> policy = scorer.score(model, pairs, manager);
        List<PairDumpLine> lines = new java.util.ArrayList<>(pairs.size());
        for (int i = 0; i < pairs.size(); i++) {
            PairScore p = policy.get(i);
            PairScore r = reference.get(i);
            PairDumpLine line = new PairDumpLine(epoch, split, p.id(), p.logpChosen(), p.logpRejected(), r.logpChosen(),
                    r.logpRejected(), p.chosenTokens(), p.rejectedTokens(), p.logpChosenContrast(), r.logpChosenContrast());
            if (dump != null) {
                dump.write(line);
            }
            lines.add(line);
        }
        return lines;
    }
}
