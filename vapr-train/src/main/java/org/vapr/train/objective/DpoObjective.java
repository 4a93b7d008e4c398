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
 * DPO's training objective: the micro-batch's chosen and rejected rows (2B rows, plus the chosen answers on their
 * contrast images for the K pairs that have one) go through one forward pass; the loss is the mean per-pair
 * {@link DpoLoss} plus, when weighted, the token cross-entropy of the chosen answers of the micro-batch (TRL's RPO
 * term) and the mean conditional term over the K contrast pairs (mDPO, {@link DpoLoss#conditional}); the reference
 * log-probabilities are the precomputed ones. Metrics are TRL's ({@link PreferenceMetrics}) over the micro-batch, and
 * with contrast pairs {@value #CONDITIONAL_LOSS}, {@value #CONDITIONAL_ACCURACIES} (share whose chosen answer gained
 * more on its image than on the contrast image) and {@value #CONDITIONAL_MARGINS}.
 */
public final class DpoObjective implements Objective {
    /** The conditional term's mean over the micro-batch's contrast pairs. */
    public static final String CONDITIONAL_LOSS = "conditional/loss";
    /** The share of contrast pairs with a positive conditional margin. */
    public static final String CONDITIONAL_ACCURACIES = "conditional/accuracies";
    /** The mean conditional margin {@code β[(πc − refc) − (πc' − refc')]}. */
    public static final String CONDITIONAL_MARGINS = "conditional/margins";
    /** The anchored term's mean over the micro-batch. */
    public static final String ANCHOR_LOSS = "anchor/loss";
    /** The share of pairs whose chosen answer's log-probability is above the reference's. */
    public static final String ANCHOR_ACCURACIES = "anchor/accuracies";

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
        List<Integer> contrastPairs = new ArrayList<>();
        for (int i = 0; i < b; i++) {
            batch.add(pairs.get(examples[i]));
            refChosen[i] = (float) reference.get(examples[i]).logpChosen();
            refRejected[i] = (float) reference.get(examples[i]).logpRejected();
            if (pairs.get(examples[i]).contrastImage() != null) {
                if (reference.get(examples[i]).logpChosenContrast() == null) {
                    throw new IllegalStateException("pair " + pairs.get(examples[i]).id() + " has a contrast image but no reference score for it");
                }
                contrastPairs.add(i);
            }
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
        NDArray refChosenArray = manager.create(refChosen);
        NDArray perPair = loss.perPair(policyChosen, policyRejected, refChosenArray,
                manager.create(refRejected), chosenCount, rejectedCount);
        NDArray total = perPair.mean();
        double w = loss.sftWeight();
        if (w > 0) {
            total = total.add(lp.tokenCrossEntropy(0, b).mul(manager.full(new Shape(), (float) w)));
        }
        Map<String, Double> conditional = Map.of();
        double cw = loss.settings().conditionalWeight();
        if (cw > 0 && !contrastPairs.isEmpty()) {
            int k = contrastPairs.size();
            boolean[] mask = new boolean[b];
            float[] refContrast = new float[k];
            float[] refChosenK = new float[k];
            for (int j = 0; j < k; j++) {
                int i = contrastPairs.get(j);
                mask[i] = true;
                refContrast[j] = reference.get(examples[i]).logpChosenContrast().floatValue();
                refChosenK[j] = refChosen[i];
            }
            NDArray policyChosenK = policyChosen.booleanMask(manager.create(mask));
            NDArray policyContrast = lp.sums().get(new NDIndex("{}:{}", 2 * b, 2 * b + k));
            NDArray perContrast = loss.conditional(policyChosenK, manager.create(refChosenK), policyContrast,
                    manager.create(refContrast));
            NDArray conditionalMean = perContrast.mean();
            total = total.add(conditionalMean.mul(manager.full(new Shape(), (float) cw)));
            conditional = conditionalMetrics(conditionalMean.getFloat(), policyChosenK.toFloatArray(), refChosenK,
                    policyContrast.toFloatArray(), refContrast);
        }
        Map<String, Double> anchored = Map.of();
        double aw = loss.settings().anchorWeight();
        if (aw > 0) {
            NDArray anchorMean = loss.anchor(policyChosen, refChosenArray).mean();
            total = total.add(anchorMean.mul(manager.full(new Shape(), (float) aw)));
            anchored = anchorMetrics(anchorMean.getFloat(), policyChosen.toFloatArray(), refChosen);
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
        if (!conditional.isEmpty() || !anchored.isEmpty()) {
            metrics = new java.util.LinkedHashMap<>(metrics);
            metrics.putAll(conditional);
            metrics.putAll(anchored);
        }
        return new MicroBatchResult(total, metrics);
    }

    /** {@code anchor/loss} and {@code anchor/accuracies}: the share of pairs whose chosen answer gained over the reference. */
    private static Map<String, Double> anchorMetrics(double meanLoss, float[] policyChosen, float[] refChosen) {
        double gained = 0;
        for (int i = 0; i < policyChosen.length; i++) {
            gained += policyChosen[i] > refChosen[i] ? 1 : 0;
        }
        Map<String, Double> m = new java.util.LinkedHashMap<>();
        m.put(ANCHOR_LOSS, meanLoss);
        m.put(ANCHOR_ACCURACIES, gained / policyChosen.length);
        return m;
    }

    private Map<String, Double> conditionalMetrics(double meanLoss, float[] policyChosen, float[] refChosen,
                                                   float[] policyContrast, float[] refContrast) {
        double acc = 0;
        double margin = 0;
        for (int j = 0; j < policyChosen.length; j++) {
            double z = loss.conditionalMargin(policyChosen[j], refChosen[j], policyContrast[j], refContrast[j]);
            acc += z > 0 ? 1 : 0;
            margin += z;
        }
        int k = policyChosen.length;
        Map<String, Double> m = new java.util.LinkedHashMap<>();
        m.put(CONDITIONAL_LOSS, meanLoss);
        m.put(CONDITIONAL_ACCURACIES, acc / k);
        m.put(CONDITIONAL_MARGINS, margin / k);
        return m;
    }
}
