package org.vapr.analysis.training;

import java.util.Arrays;
import java.util.List;

/**
 * The gaps of the dumped pairs of one split at one epoch (paper eq. 3, §6.4). POVID-style data shows a large mean
 * |Δref|; SIMA-style self-preference data a large share of pairs with Δref ≈ 0.
 *
 * @param split               {@code train} or {@code eval}
 * @param epoch               the epoch of the dump
 * @param pairs               number of pairs
 * @param nearZeroRefShare    share of pairs with |Δref| &lt; {@link #NEAR_ZERO}
 * @param meanDeltaRef        mean Δref
 * @param medianDeltaRef      median Δref (mean of the two middle values for an even count)
 * @param meanDeltaTheta      mean Δθ
 * @param medianDeltaTheta    median Δθ
 * @param meanMargin          mean Δθ − Δref
 * @param medianMargin        median Δθ − Δref
 * @param positiveMarginShare share of pairs with Δθ − Δref &gt; 0 (the dump's reward accuracy; ties count 0)
 */
public record DeltaSummary(String split, int epoch, long pairs, double nearZeroRefShare, double meanDeltaRef,
                           double medianDeltaRef, double meanDeltaTheta, double medianDeltaTheta, double meanMargin,
                           double medianMargin, double positiveMarginShare) {
    /** |Δref| below this counts as "the reference model cannot tell the answers apart". */
    public static final double NEAR_ZERO = 0.01;

    /** The summary of {@code pairs} (all of one split and epoch; at least one). */
    public static DeltaSummary of(String split, int epoch, List<PairLogps> pairs) {
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("no pairs for " + split + " epoch " + epoch);
        }
        double[] ref = pairs.stream().mapToDouble(PairLogps::deltaRef).toArray();
        double[] theta = pairs.stream().mapToDouble(PairLogps::deltaTheta).toArray();
        double[] margin = pairs.stream().mapToDouble(PairLogps::margin).toArray();
        long nearZero = Arrays.stream(ref).filter(v -> Math.abs(v) < NEAR_ZERO).count();
        long positive = Arrays.stream(margin).filter(v -> v > 0).count();
        int n = pairs.size();
        return new DeltaSummary(split, epoch, n, (double) nearZero / n, mean(ref), median(ref), mean(theta), median(theta),
                mean(margin), median(margin), (double) positive / n);
    }

    static double mean(double[] v) {
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        return sum / v.length;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2.0;
    }
}
