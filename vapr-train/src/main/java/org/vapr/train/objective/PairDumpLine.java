package org.vapr.train.objective;

/**
 * One line of the pair dump ({@code --dump-pairs}): a pair's log-probabilities under the policy at the end of an epoch
 * and under the reference, with token counts so that every loss (IPO and SimPO included) can be recomputed.
 *
 * @param epoch 1-based epoch
 * @param split {@code train} or {@code eval}
 * @param logpChosenContrast    the policy's log-probability of the chosen answer on the pair's contrast image, or
 *                              {@code null} (no contrast image, or the conditional term off)
 * @param refLogpChosenContrast the reference's, or {@code null}
 */
public record PairDumpLine(int epoch, String split, String id, double logpChosen, double logpRejected,
                           double refLogpChosen, double refLogpRejected, int chosenTokens, int rejectedTokens,
                           Double logpChosenContrast, Double refLogpChosenContrast) {

    /** A line without contrast log-probabilities. */
    public PairDumpLine(int epoch, String split, String id, double logpChosen, double logpRejected,
                        double refLogpChosen, double refLogpRejected, int chosenTokens, int rejectedTokens) {
        this(epoch, split, id, logpChosen, logpRejected, refLogpChosen, refLogpRejected, chosenTokens, rejectedTokens,
                null, null);
    }

    /** The numbers the losses and metrics are computed from. */
    public PairLogProbs logProbs() {
        return new PairLogProbs(logpChosen, logpRejected, refLogpChosen, refLogpRejected, chosenTokens, rejectedTokens);
    }
}
