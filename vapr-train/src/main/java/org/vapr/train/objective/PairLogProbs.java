package org.vapr.train.objective;

/**
 * One pair's summed log-probabilities under the policy and the reference, with completion token counts: the numbers
 * every DPO loss and metric is computed from (and what the pair dump holds).
 */
public record PairLogProbs(double policyChosen, double policyRejected, double refChosen, double refRejected,
                           int chosenTokens, int rejectedTokens) {
}
