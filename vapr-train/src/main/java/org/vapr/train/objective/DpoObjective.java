package org.vapr.train.objective;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.vapr.train.data.EncodedPair;
import org.vapr.train.data.RowCollator;
import org.vapr.train.data.TokenBlock;
import org.vapr.train.loop.MicroBatchResult;
import org.vapr.train.loop.Objective;
import org.vapr.train.model.CausalVlm;

/**
 * DPO's training objective: the micro-batch's chosen and rejected rows (2B rows) go through one forward pass; the
 * loss is the mean per-pair {@link DpoLoss} plus, when weighted, the token cross-entropy of the chosen answers of the
 * micro-batch (TRL's RPO term); the reference log-probabilities are the precomputed ones. Metrics are TRL's
 * ({@link PreferenceMetrics}) over the micro-batch.
 */
public final class DpoObjective implements Objective {
    private final CausalVlm model;
    private final RowCollator collator;
    private final List<EncodedPair> pairs;
    private final List<PairScore> reference;
    private final DpoLoss loss;

    /**
     * @param reference the reference scores of {@code pairs}, same order
     */
    public DpoObjective(CausalVlm model, RowCollator collator, List<EncodedPair> pairs, List<PairScore> reference,
                        DpoLoss loss) {
        if (pairs.size() != reference.size()) {
            throw new IllegalArgumentException(pairs.size() + " pairs but " + reference.size() + " reference scores");
        }
        for (int i = 0; i < pairs.size(); i++) {
            if (!pairs.get(i).id().equals(reference.get(i).id())) {
                throw new IllegalArgumentException("reference score " + i + " is for '" + reference.get(i).id()
                        + "', not '" + pairs.get(i).id() + "'");
            }
        }
        this.model = model;
        this.collator = collator;
        this.pairs = List.copyOf(pairs);
        this.reference = List.copyOf(reference);
        this.loss = loss;
    }

    @Override
    public String describe() {
        return "DPO " + loss.settings();
    }

    @Override
    public int size() {
        return pairs.size();
    }

    @Override
    public int length(int example) {
        EncodedPair p = pairs.get(example);
        return Math.max(p.chosen().length(), p.rejected().length());
    }

    @Override
    public MicroBatchResult forward(NDManager manager, int[] examples, boolean training) {
        int b = examples.length;
        List<EncodedPair> batch = new ArrayList<>(b);
        float[] refChosen = new float[b];
        float[] refRejected = new float[b];
        for (int i = 0; i < b; i++) {
            batch.add(pairs.get(examples[i]));
            refChosen[i] = (float) reference.get(examples[i]).logpChosen();
            refRejected[i] = (float) reference.get(examples[i]).logpRejected();
        }
        TokenBlock block = collator.collate(manager, PairScorer.rows(batch));
        NDArray logits = model.logits(block.pixels(), block.tokens(), training);
        CompletionLogProbs lp = CompletionLogProbs.of(logits, block);
        NDIndex chosenRows = new NDIndex("0:{}", b);
        NDIndex rejectedRows = new NDIndex("{}:{}", b, 2 * b);
        NDArray policyChosen = lp.sums().get(chosenRows);
        NDArray policyRejected = lp.sums().get(rejectedRows);
        NDArray chosenCount = lp.counts().get(chosenRows);
        NDArray rejectedCount = lp.counts().get(rejectedRows);
        NDArray perPair = loss.perPair(policyChosen, policyRejected, manager.create(refChosen),
                manager.create(refRejected), chosenCount, rejectedCount);
        NDArray total = perPair.mean();
        double w = loss.sftWeight();
        if (w > 0) {
            total = total.add(lp.tokenCrossEntropy(0, b).mul(manager.full(new Shape(), (float) w)));
        }
        float[] pc = policyChosen.toFloatArray();
        float[] pr = policyRejected.toFloatArray();
        float[] nc = chosenCount.toFloatArray();
        float[] nr = rejectedCount.toFloatArray();
        PairLogProbs[] values = new PairLogProbs[b];
        for (int i = 0; i < b; i++) {
            values[i] = new PairLogProbs(pc[i], pr[i], refChosen[i], refRejected[i], Math.round(nc[i]), Math.round(nr[i]));
        }
        Map<String, Double> metrics = PreferenceMetrics.of(loss, total.getFloat(), values);
        return new MicroBatchResult(total, metrics);
    }
}
