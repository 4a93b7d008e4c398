package org.vapr.train.objective;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import org.vapr.train.data.TokenBlock;

/**
 * Per-row sequence log-probabilities of the completion tokens of a block: {@code sums[b]} is the sum over completion
 * positions {@code t} of {@code log_softmax(logits[b, t-1])[tokens[b, t]]} (prompt, image and padding masked out),
 * {@code counts[b]} the number of completion tokens. Not a mean: TRL's DPO sums.
 *
 * @param sums   {@code [B]} float32 summed log-probabilities, differentiable
 * @param counts {@code [B]} float32 completion token counts
 */
public record CompletionLogProbs(NDArray sums, NDArray counts) {

    /**
     * Scores a block from the model's logits.
     *
     * @param logits {@code [B, T, V]}; {@code logits[b, t]} scores {@code tokens[b, t + 1]}
     * @param block  the block the logits were computed from
     */
    public static CompletionLogProbs of(NDArray logits, TokenBlock block) {
        long t = logits.getShape().get(1);
        NDArray logp = logits.get(new NDIndex(":, 0:{}, :", t - 1)).logSoftmax(2);
        NDArray targets = block.tokens().get(new NDIndex(":, 1:{}", t)).toType(DataType.INT64, false).expandDims(2);
        NDArray picked = logp.gather(targets, 2).squeeze(2);
        NDArray mask = block.completionMask().get(new NDIndex(":, 1:{}", t)).toType(DataType.FLOAT32, false);
        return new CompletionLogProbs(picked.mul(mask).sum(new int[] {1}), mask.sum(new int[] {1}));
    }

    /**
     * The mean token cross-entropy over the completion tokens of rows {@code [from, to)}: minus their summed
     * log-probabilities over their token count (SFT's loss; TRL's RPO/NLL term when given the chosen rows).
     */
    public NDArray tokenCrossEntropy(int from, int to) {
        NDIndex rows = new NDIndex("{}:{}", from, to);
        return sums.get(rows).sum().neg().div(counts.get(rows).sum());
    }
}
