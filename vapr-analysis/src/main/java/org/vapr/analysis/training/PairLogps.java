package org.vapr.analysis.training;

/**
 * One line of the pair dump ({@code --dump-pairs}): the summed log-probabilities of one pair's chosen and rejected
 * answers under the policy and the reference model, at the end of one epoch.
 *
 * @param epoch           the epoch the log-probabilities were taken at (1-based as the engine writes it)
 * @param split           {@code train} or {@code eval}
 * @param id              the pair's id
 * @param logpChosen      log πθ(chosen | prompt)
 * @param logpRejected    log πθ(rejected | prompt)
 * @param refLogpChosen   log πref(chosen | prompt)
 * @param refLogpRejected log πref(rejected | prompt)
 */
public record PairLogps(int epoch, String split, String id, double logpChosen, double logpRejected,
                        double refLogpChosen, double refLogpRejected) {

    /** Δθ = log πθ(chosen) − log πθ(rejected). */
    public double deltaTheta() {
        return logpChosen - logpRejected;
    }

    /** Δref = log πref(chosen) − log πref(rejected). */
    public double deltaRef() {
        return refLogpChosen - refLogpRejected;
    }

    /** Δθ − Δref: the implicit reward margin divided by β; positive when the policy prefers chosen more than the reference does. */
    public double margin() {
        return deltaTheta() - deltaRef();
    }
}
