package org.vapr.train.objective;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import org.vapr.train.data.EncodedPair;
import org.vapr.train.data.EncodedTurn;
import org.vapr.train.data.RowCollator;
import org.vapr.train.data.TokenBlock;
import org.vapr.train.model.CausalVlm;

/**
 * Scores pairs without gradients (dropout off): chosen and rejected rows of a batch go through one forward pass, as in
 * training. Used for the reference log-probabilities and for the epoch-end evaluation and dump.
 */
public final class PairScorer {
    private final RowCollator collator;
    private final int batchSize;

    /**
     * @param batchSize pairs per forward pass (2 × this many rows)
     */
    public PairScorer(RowCollator collator, int batchSize) {
        this.collator = collator;
        this.batchSize = batchSize;
    }

    /** The scores of {@code pairs} under {@code model}, in order; arrays live in child managers of {@code manager}. */
    public List<PairScore> score(CausalVlm model, List<EncodedPair> pairs, NDManager manager) {
        List<PairScore> out = new ArrayList<>(pairs.size());
        for (int from = 0; from < pairs.size(); from += batchSize) {
            List<EncodedPair> batch = pairs.subList(from, Math.min(from + batchSize, pairs.size()));
            try (NDManager m = manager.newSubManager()) {
                TokenBlock block = collator.collate(m, rows(batch));
                NDArray logits = model.logits(block.pixels(), block.tokens(), false);
                CompletionLogProbs lp = CompletionLogProbs.of(logits, block);
                float[] sums = lp.sums().toFloatArray();
                float[] counts = lp.counts().toFloatArray();
                int b = batch.size();
                int contrastRow = 2 * b;
                for (int i = 0; i < b; i++) {
                    Double contrast = batch.get(i).contrastImage() == null ? null : (double) sums[contrastRow++];
                    out.add(new PairScore(batch.get(i).id(), sums[i], sums[b + i], Math.round(counts[i]),
                            Math.round(counts[b + i]), contrast));
                }
            }
        }
        return out;
    }

    /**
     * The rows of a batch of pairs: all chosen answers, then all rejected answers, then the chosen answers on their
     * contrast images for the pairs that have one, in pair order.
     */
    public static List<EncodedTurn> rows(List<EncodedPair> pairs) {
        List<EncodedTurn> rows = new ArrayList<>(pairs.size() * 2);
        pairs.forEach(p -> rows.add(p.chosen()));
        pairs.forEach(p -> rows.add(p.rejected()));
        pairs.stream().filter(p -> p.contrastImage() != null).forEach(p -> rows.add(p.chosenOnContrast()));
        return rows;
    }
}
