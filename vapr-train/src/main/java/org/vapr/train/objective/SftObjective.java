package org.vapr.train.objective;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.vapr.train.data.EncodedTurn;
import org.vapr.train.data.RowCollator;
import org.vapr.train.data.TokenBlock;
import org.vapr.train.loop.MicroBatchResult;
import org.vapr.train.loop.Objective;
import org.vapr.train.model.CausalVlm;

/**
 * Supervised fine-tuning: next-token cross-entropy on the completion (answer) tokens only, the mean over all completion
 * tokens of the micro-batch.
 */
public final class SftObjective implements Objective {
    private final CausalVlm model;
    private final RowCollator collator;
    private final List<EncodedTurn> rows;

    public SftObjective(CausalVlm model, RowCollator collator, List<EncodedTurn> rows) {
        this.model = model;
        this.collator = collator;
        this.rows = List.copyOf(rows);
    }

    @Override
    public int size() {
        return rows.size();
    }

    @Override
    public int length(int example) {
        return rows.get(example).length();
    }

    @Override
    public MicroBatchResult forward(NDManager manager, int[] examples, boolean training) {
        List<EncodedTurn> batch = new ArrayList<>(examples.length);
        for (int i : examples) {
            batch.add(rows.get(i));
        }
        TokenBlock block = collator.collate(manager, batch);
        NDArray logits = model.logits(block.pixels(), block.tokens(), training);
        NDArray loss = CompletionLogProbs.of(logits, block).tokenCrossEntropy(0, examples.length);
        return new MicroBatchResult(loss, Map.of("loss", (double) loss.getFloat()));
    }

    /**
     * The token cross-entropy over all completion tokens of {@code evalRows} (dropout off, no gradients), in batches of
     * {@code batchSize}.
     */
    public static double evaluate(CausalVlm model, RowCollator collator, List<EncodedTurn> evalRows, int batchSize,
                                  NDManager manager) {
        double logp = 0;
        double tokens = 0;
        for (int from = 0; from < evalRows.size(); from += batchSize) {
            try (NDManager m = manager.newSubManager()) {
                TokenBlock block = collator.collate(m, evalRows.subList(from, Math.min(from + batchSize, evalRows.size())));
                CompletionLogProbs lp = CompletionLogProbs.of(model.logits(block.pixels(), block.tokens(), false), block);
                logp += lp.sums().sum().getFloat();
                tokens += lp.counts().sum().getFloat();
            }
        }
        return -logp / tokens;
    }
}
