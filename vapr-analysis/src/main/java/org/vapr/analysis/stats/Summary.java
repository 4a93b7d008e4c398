package org.vapr.analysis.stats;

import java.util.Arrays;

/**
 * Location of a distribution of non-negative or signed integers.
 *
 * @param count  number of values
 * @param mean   arithmetic mean (0 when empty)
 * @param median middle value; the mean of the two middle values for an even count
 * @param p90    90th percentile by nearest rank: the value at rank ⌈0.9·n⌉ of the sorted values
 * @param max    largest value (0 when empty)
 */
public record Summary(long count, double mean, double median, double p90, int max) {

    public static Summary of(int[] values) {
        int n = values.length;
        if (n == 0) {
            return new Summary(0, 0, 0, 0, 0);
        }
        int[] s = values.clone();
        Arrays.sort(s);
        long sum = 0;
        for (int v : s) {
            sum += v;
        }
        double median = n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + (double) s[n / 2]) / 2.0;
        int rank = (int) Math.ceil(0.9 * n);
        return new Summary(n, (double) sum / n, median, s[Math.max(rank, 1) - 1], s[n - 1]);
    }
}
