package org.vapr.train.objective;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * TRL's DPO metrics over a group of pairs, from their log-probabilities: {@code loss}, {@code rewards/chosen} (mean
 * reward of the chosen answers, see {@link DpoLoss#reward}), {@code rewards/rejected}, {@code rewards/accuracies}
 * (share of pairs whose chosen reward is strictly greater: ties count 0), {@code rewards/margins} (mean chosen − rejected
 * reward), {@code logps/chosen} and {@code logps/rejected} (mean summed policy log-probabilities).
 */
public final class PreferenceMetrics {
    public static final String LOSS = "loss";
    public static final String REWARDS_CHOSEN = "rewards/chosen";
    public static final String REWARDS_REJECTED = "rewards/rejected";
    public static final String REWARDS_ACCURACIES = "rewards/accuracies";
    public static final String REWARDS_MARGINS = "rewards/margins";
    public static final String LOGPS_CHOSEN = "logps/chosen";
    public static final String LOGPS_REJECTED = "logps/rejected";
    /** TRL's prefix of evaluation metrics. */
    public static final String EVAL_PREFIX = "eval_";

    private PreferenceMetrics() {
    }

    /**
     * The metrics of one group of pairs.
     *
     * @param loss the group's loss as the objective computed it (the mean per-pair loss plus any SFT term)
     */
    public static Map<String, Double> of(DpoLoss dpo, double loss, PairLogProbs[] pairs) {
        double rc = 0;
        double rr = 0;
        double acc = 0;
        double margin = 0;
        double lc = 0;
        double lr = 0;
        for (PairLogProbs p : pairs) {
            double c = dpo.reward(p.policyChosen(), p.refChosen(), p.chosenTokens());
            double r = dpo.reward(p.policyRejected(), p.refRejected(), p.rejectedTokens());
            rc += c;
            rr += r;
            acc += c > r ? 1 : 0;
            margin += c - r;
            lc += p.policyChosen();
            lr += p.policyRejected();
        }
        int n = pairs.length;
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(LOSS, loss);
        m.put(REWARDS_CHOSEN, rc / n);
        m.put(REWARDS_REJECTED, rr / n);
        m.put(REWARDS_ACCURACIES, acc / n);
        m.put(REWARDS_MARGINS, margin / n);
        m.put(LOGPS_CHOSEN, lc / n);
        m.put(LOGPS_REJECTED, lr / n);
        return m;
    }

    /**
     * The loss of a group of pairs on doubles, as the evaluation computes it: the mean per-pair loss plus the SFT
     * weight times the token cross-entropy of all chosen answers ({@code −Σ logπθ(chosen) / Σ n_chosen}).
     */
    public static double loss(DpoLoss dpo, PairLogProbs[] pairs) {
        double sum = 0;
        double chosenLogp = 0;
        double chosenTokens = 0;
        for (PairLogProbs p : pairs) {
            sum += dpo.perPair(p.policyChosen(), p.policyRejected(), p.refChosen(), p.refRejected(),
                    p.chosenTokens(), p.rejectedTokens());
            chosenLogp += p.policyChosen();
            chosenTokens += p.chosenTokens();
        }
        double w = dpo.sftWeight();
        return sum / pairs.length + (w == 0 ? 0 : w * (-chosenLogp / chosenTokens));
    }

    /**
     * The metrics of a group of scored pairs (an evaluation pass, or the dump's lines of one epoch and split): those of
     * {@link #of} with the {@link #loss}, and, for the lines with contrast log-probabilities and a conditional weight,
     * the conditional term's {@code conditional/loss}, {@code conditional/accuracies} and {@code conditional/margins},
     * its weighted mean added to {@code loss} as training adds it; with an anchor weight, likewise {@code anchor/loss} and
     * {@code anchor/accuracies} over all lines.
     */
    public static Map<String, Double> ofLines(DpoLoss dpo, List<PairDumpLine> lines) {
        PairLogProbs[] values = lines.stream().map(PairDumpLine::logProbs).toArray(PairLogProbs[]::new);
        double total = loss(dpo, values);
        double w = dpo.settings().conditionalWeight();
        double condLoss = 0;
        double acc = 0;
        double margin = 0;
        int k = 0;
        for (PairDumpLine l : lines) {
            if (w > 0 && l.logpChosenContrast() != null && l.refLogpChosenContrast() != null) {
                double z = dpo.conditionalMargin(l.logpChosen(), l.refLogpChosen(), l.logpChosenContrast(), l.refLogpChosenContrast());
                condLoss += dpo.conditional(l.logpChosen(), l.refLogpChosen(), l.logpChosenContrast(), l.refLogpChosenContrast());
                acc += z > 0 ? 1 : 0;
                margin += z;
                k++;
            }
        }
        if (k > 0) {
            total += w * condLoss / k;
        }
        double aw = dpo.settings().anchorWeight();
        double anchorLoss = 0;
        double gained = 0;
        if (aw > 0) {
            for (PairDumpLine l : lines) {
                anchorLoss += dpo.anchor(l.logpChosen(), l.refLogpChosen());
                gained += l.logpChosen() > l.refLogpChosen() ? 1 : 0;
            }
            total += aw * anchorLoss / lines.size();
        }
        Map<String, Double> m = of(dpo, total, values);
        if (aw > 0) {
            m.put(DpoObjective.ANCHOR_LOSS, anchorLoss / lines.size());
            m.put(DpoObjective.ANCHOR_ACCURACIES, gained / lines.size());
        }
        if (k > 0) {
            m.put(DpoObjective.CONDITIONAL_LOSS, condLoss / k);
            m.put(DpoObjective.CONDITIONAL_ACCURACIES, acc / k);
            m.put(DpoObjective.CONDITIONAL_MARGINS, margin / k);
        }
        return m;
    }

    /** The same metrics with TRL's {@code eval_} prefix. */
    public static Map<String, Double> evalPrefixed(Map<String, Double> metrics) {
        Map<String, Double> m = new LinkedHashMap<>();
        metrics.forEach((k, v) -> m.put(EVAL_PREFIX + k, v));
        return m;
    }
}
