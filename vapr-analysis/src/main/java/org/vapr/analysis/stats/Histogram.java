package org.vapr.analysis.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * Counts over fixed bins, so histograms of different datasets line up.
 *
 * @param bins the bins in ascending order
 */
public record Histogram(List<Bin> bins) {
    /** Word Levenshtein bins: 0, 1, 2, 3, 4, 5, 6–10, 11–20, 21–50, 51–100, 101+. */
    public static final int[] WORD_DISTANCE_EDGES = {0, 1, 2, 3, 4, 5, 6, 11, 21, 51, 101};
    /** Token-delta bins: ≤−50, −49…−21, −20…−11, −10…−6, −5…−1, 0, 1…5, 6…10, 11…20, 21…49, 50+. */
    public static final int[] TOKEN_DELTA_EDGES = {Integer.MIN_VALUE, -49, -20, -10, -5, 0, 1, 6, 11, 21, 50};

    public Histogram {
        bins = List.copyOf(bins);
    }

    /**
     * One bin, {@code from ≤ v ≤ to}.
     *
     * @param label e.g. {@code 6-10}, {@code 101+}, {@code <=-50}
     */
    public record Bin(String label, int from, int to, long count) {
    }

    /** Bins starting at each of {@code lowerEdges} (ascending); the last bin is open-ended. */
    public static Histogram of(int[] values, int[] lowerEdges) {
        long[] counts = new long[lowerEdges.length];
        for (int v : values) {
            int i = lowerEdges.length - 1;
            while (i > 0 && v < lowerEdges[i]) {
                i--;
            }
            if (v >= lowerEdges[i]) {
                counts[i]++;
            }
        }
        List<Bin> bins = new ArrayList<>();
        for (int i = 0; i < lowerEdges.length; i++) {
            int from = lowerEdges[i];
            int to = i + 1 < lowerEdges.length ? lowerEdges[i + 1] - 1 : Integer.MAX_VALUE;
            String label;
            if (to == Integer.MAX_VALUE) {
                label = from + "+";
            } else if (from == Integer.MIN_VALUE) {
                label = "<=" + to;
            } else if (from == to) {
                label = String.valueOf(from);
            } else {
                label = from + ".." + to;
            }
            bins.add(new Bin(label, from, to, counts[i]));
        }
        return new Histogram(bins);
    }
}
