package org.vapr.eval.score;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Percentile bootstrap over resampling units (items, or NaturalBench groups), stratified by
 * {@link ScoreDefinition#stratum}: each replicate draws, within every stratum, as many units as it has, with
 * replacement. Seeded: the same units, definition, sample count and seed give the same intervals (each replicate
 * has its own generator derived from the seed and its index, so replicates run in parallel). Percentiles
 * interpolate linearly between order statistics (numpy's default).
 *
 * @param samples    the number of bootstrap replicates B
 * @param seed       the seed of the replicates
 * @param confidence the two-sided confidence level, e.g. 0.95
 */
public record Bootstrap(int samples, long seed, double confidence) {

    public Bootstrap {
        if (samples < 1) {
            throw new IllegalArgumentException("bootstrap samples must be at least 1, got " + samples);
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
        }
    }

    /** A 95% bootstrap. */
    public static Bootstrap of(int samples, long seed) {
        return new Bootstrap(samples, seed, 0.95);
    }

    /** The interval of every score {@code definition} computes on {@code units}. */
    public Map<String, Interval> intervals(List<List<ScoredItem>> units, ScoreDefinition definition) {
        Map<String, double[]> draws = new LinkedHashMap<>();
        List<int[]> strata = strata(units, definition);
        List<Map<String, Double>> replicates = IntStream.range(0, samples).parallel().mapToObj(b -> {
            int[] pick = draw(strata, units.size(), rng(b));
            List<List<ScoredItem>> sample = new ArrayList<>(pick.length);
            for (int i : pick) {
                sample.add(units.get(i));
            }
            return (Map<String, Double>) definition.compute(sample);
        }).toList();
        for (int b = 0; b < samples; b++) {
            record(draws, replicates.get(b), b);
        }
        Map<String, Interval> out = new LinkedHashMap<>();
        draws.forEach((name, values) -> out.put(name, interval(values)));
        return out;
    }

    /**
     * The paired bootstrap of {@code second − first} for every score: both unit lists describe the same items in
     * the same order (two models' predictions), and each replicate resamples the same indices from both.
     */
    public Map<String, PairedDifference> paired(List<List<ScoredItem>> first, List<List<ScoredItem>> second,
                                                ScoreDefinition definition) {
        if (first.size() != second.size()) {
            throw new IllegalArgumentException("paired bootstrap needs the same items: " + first.size() + " vs " + second.size() + " units");
        }
        LinkedHashMap<String, Double> a = definition.compute(first);
        LinkedHashMap<String, Double> b = definition.compute(second);
        Map<String, double[]> draws = new LinkedHashMap<>();
        List<int[]> strata = strata(first, definition);
        List<Map<String, Double>> replicates = IntStream.range(0, samples).parallel().mapToObj(r -> {
            int[] pick = draw(strata, first.size(), rng(r));
            List<List<ScoredItem>> sa = new ArrayList<>(pick.length);
            List<List<ScoredItem>> sb = new ArrayList<>(pick.length);
            for (int i : pick) {
                sa.add(first.get(i));
                sb.add(second.get(i));
            }
            LinkedHashMap<String, Double> ra = definition.compute(sa);
            LinkedHashMap<String, Double> rb = definition.compute(sb);
            LinkedHashMap<String, Double> diff = new LinkedHashMap<>();
            ra.forEach((k, v) -> {
                Double w = rb.get(k);
                if (w != null) {
                    diff.put(k, w - v);
                }
            });
            return (Map<String, Double>) diff;
        }).toList();
        for (int r = 0; r < samples; r++) {
            record(draws, replicates.get(r), r);
        }
        Map<String, PairedDifference> out = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : a.entrySet()) {
            Double other = b.get(e.getKey());
            double[] values = draws.get(e.getKey());
            if (other == null || values == null) {
                continue;
            }
            double observed = other - e.getValue();
            long atOrBelow = Arrays.stream(values).filter(v -> !Double.isNaN(v) && v <= 0).count();
            long atOrAbove = Arrays.stream(values).filter(v -> !Double.isNaN(v) && v >= 0).count();
            long valid = Arrays.stream(values).filter(v -> !Double.isNaN(v)).count();
            double p = Math.min(1.0, 2.0 * (1 + Math.min(atOrBelow, atOrAbove)) / (valid + 1));
            out.put(e.getKey(), new PairedDifference(e.getValue(), other, observed, interval(values), p));
        }
        return out;
    }

    /** The generator of replicate {@code b}: derived from (seed, b) only, so replicates may run in any order or in parallel. */
    private SplittableRandom rng(int b) {
        long z = seed + 0x9E3779B97F4A7C15L * (b + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return new SplittableRandom(z ^ (z >>> 31));
    }

    private void record(Map<String, double[]> draws, Map<String, Double> values, int b) {
        for (Map.Entry<String, Double> e : values.entrySet()) {
            double[] arr = draws.computeIfAbsent(e.getKey(), k -> {
                double[] fresh = new double[samples];
                Arrays.fill(fresh, Double.NaN);
                return fresh;
            });
            arr[b] = e.getValue();
        }
    }

    private Interval interval(double[] values) {
        double[] v = Arrays.stream(values).filter(x -> !Double.isNaN(x)).sorted().toArray();
        if (v.length == 0) {
            return new Interval(Double.NaN, Double.NaN);
        }
        double alpha = (1 - confidence) / 2;
        return new Interval(percentile(v, alpha), percentile(v, 1 - alpha));
    }

    /** Linear interpolation between order statistics of sorted values (numpy's default method). */
    static double percentile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    private static List<int[]> strata(List<List<ScoredItem>> units, ScoreDefinition definition) {
        Map<String, List<Integer>> by = new LinkedHashMap<>();
        for (int i = 0; i < units.size(); i++) {
            by.computeIfAbsent(definition.stratum(units.get(i)), k -> new ArrayList<>()).add(i);
        }
        List<int[]> out = new ArrayList<>();
        by.values().forEach(l -> out.add(l.stream().mapToInt(Integer::intValue).toArray()));
        return out;
    }

    private static int[] draw(List<int[]> strata, int total, SplittableRandom rng) {
        int[] pick = new int[total];
        int k = 0;
        for (int[] s : strata) {
            for (int j = 0; j < s.length; j++) {
                pick[k++] = s[rng.nextInt(s.length)];
            }
        }
        return pick;
    }
}
