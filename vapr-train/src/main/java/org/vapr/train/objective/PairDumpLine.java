package org.vapr.train.objective;

/**
 * One line of the pair dump ({@code --dump-pairs}): a pair's log-probabilities under the policy at the end of an epoch
 * and under the reference, with token counts so that every loss (IPO and SimPO included) can be recomputed.
 *
 * @param epoch 1-based epoch
 * @param split {@code train} or {@code eval}
 */
public record PairDumpLine(int epoch, String split, String id, double logpChosen, double logpRejected,
                           double refLogpChosen, double refLogpRejected, int chosenTokens, int rejectedTokens) {

    /** The numbers the losses and metrics are computed from. */
    public PairLogProbs logProbs() {
        return new PairLogProbs(logpChosen, logpRejected, refLogpChosen, refLogpRejected, chosenTokens, rejectedTokens);
    }
}
