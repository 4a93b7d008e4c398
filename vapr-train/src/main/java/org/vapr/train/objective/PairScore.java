package org.vapr.train.objective;

/**
 * One pair's summed completion log-probabilities under one model, with token counts: a line of
 * {@code reference-logps.jsonl}, and the policy side of the pair dump.
 *
 * @param id             the pair id
 * @param logpChosen     summed log-probability of the chosen answer
 * @param logpRejected   summed log-probability of the rejected answer
 * @param chosenTokens   completion tokens of the chosen answer
 * @param rejectedTokens completion tokens of the rejected answer
 * @param logpChosenContrast summed log-probability of the chosen answer on the pair's contrast image, or {@code null}
 *                       when the pair has none
 */
public record PairScore(String id, double logpChosen, double logpRejected, int chosenTokens, int rejectedTokens,
                        Double logpChosenContrast) {

    /** A score without a contrast image. */
    public PairScore(String id, double logpChosen, double logpRejected, int chosenTokens, int rejectedTokens) {
        this(id, logpChosen, logpRejected, chosenTokens, rejectedTokens, null);
    }
}
