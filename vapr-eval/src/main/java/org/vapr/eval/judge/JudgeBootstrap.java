package org.vapr.eval.judge;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.vapr.eval.score.Interval;

/**
 * Percentile bootstrap intervals of judged scores: each replicate resamples the judged items with replacement
 * within each stratum (a category keeps its size), recomputes every named score, and the interval is the
 * percentiles of the replicates (linear interpolation, numpy's default; replicates where a score is undefined are
 * skipped). Seeded and sequential: the same items, statistic, sample count and seed give the same intervals.
 *
 * @param samples    replicates
 * @param seed       the seed
 * @param confidence the two-sided level, e.g. 0.95
 */
public record JudgeBootstrap(int samples, long seed, double confidence) {

    public JudgeBootstrap {
        if (samples < 1) {
            throw new IllegalArgumentException("bootstrap samples must be at least 1, got " + samples);
        }
    }

    /** The interval of every score {@code statistic} computes. */
    public <T> Map<String, Interval> intervals(List<T> items, Function<T, String> stratum,
                                               Function<List<T>, Map<String, Double>> statistic) {
        Map<String, List<Integer>> strata = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            strata.computeIfAbsent(String.valueOf(stratum.apply(items.get(i))), k -> new ArrayList<>()).add(i);
        }
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, double[]> draws = new LinkedHashMap<>();
        Map<String, Integer> filled = new HashMap<>();
        for (int b = 0; b < samples; b++) {
            List<T> sample = new ArrayList<>(items.size());
            for (List<Integer> members : strata.values()) {
                for (int k = 0; k < members.size(); k++) {
                    sample.add(items.get(members.get(random.nextInt(members.size()))));
                }
            }
            for (Map.Entry<String, Double> e : statistic.apply(sample).entrySet()) {
                double v = e.getValue();
                if (Double.isFinite(v)) {
                    int n = filled.getOrDefault(e.getKey(), 0);
                    draws.computeIfAbsent(e.getKey(), k -> new double[samples])[n] = v;
                    filled.put(e.getKey(), n + 1);
                }
            }
        }
        Map<String, Interval> out = new LinkedHashMap<>();
        draws.forEach((name, values) -> {
            double[] v = Arrays.copyOf(values, filled.get(name));
            Arrays.sort(v);
            double alpha = (1 - confidence) / 2;
            out.put(name, new Interval(percentile(v, alpha), percentile(v, 1 - alpha)));
        });
        return out;
    }

    private static double percentile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
