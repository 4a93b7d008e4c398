package org.vapr.analysis.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Equal-width bins shared by every series of one histogram chart, so overlaid distributions line up. The width is a
 * round number (1, 2 or 5 × 10^k) covering the 1st to 99th percentile of all values pooled in about
 * {@link #TARGET_BINS} bins; values outside fall into an open "&lt;" or "≥" bin at either end, present only when used.
 *
 * @param start     the lower edge of the first regular bin
 * @param width     the width of a regular bin
 * @param regular   the number of regular bins
 * @param underflow whether there is a bin for values below {@code start}
 * @param overflow  whether there is a bin for values at or above {@code start + regular·width}
 */
record HistogramBins(double start, double width, int regular, boolean underflow, boolean overflow) {
    static final int TARGET_BINS = 20;

    /** Bins covering {@code samples} (each one series' values; at least one value in all). */
    static HistogramBins covering(List<double[]> samples) {
        double[] pooled = samples.stream().flatMapToDouble(Arrays::stream).sorted().toArray();
        if (pooled.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        double lo = rank(pooled, 0.01);
        double hi = rank(pooled, 0.99);
        if (hi - lo < 1e-9) {
            lo -= 0.5;
            hi += 0.5;
        }
        double width = roundWidth((hi - lo) / TARGET_BINS);
        double start = Math.floor(lo / width) * width;
        int regular = Math.max(1, (int) Math.ceil((hi - start) / width));
        if (start + regular * width <= hi) {
            regular++;
        }
        double end = start + regular * width;
        boolean under = pooled[0] < start;
        boolean over = pooled[pooled.length - 1] >= end;
        return new HistogramBins(start, width, regular, under, over);
    }

    private static double rank(double[] sorted, double q) {
        int r = (int) Math.ceil(q * sorted.length);
        return sorted[Math.min(sorted.length, Math.max(r, 1)) - 1];
    }

    private static double roundWidth(double raw) {
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double m = raw / p;
        return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
    }

    int size() {
        return regular + (underflow ? 1 : 0) + (overflow ? 1 : 0);
    }

    /** The bin of {@code v}. */
    int index(double v) {
        int i = (int) Math.floor((v - start) / width);
        int offset = underflow ? 1 : 0;
        if (i < 0) {
            return 0; // only values below start, which exist only with an underflow bin
        }
        if (i >= regular) {
            return size() - 1;
        }
        return i + offset;
    }

    /** Each bin's share of {@code values} in percent. */
    double[] percentages(double[] values) {
        double[] p = new double[size()];
        for (double v : values) {
            p[index(v)]++;
        }
        for (int i = 0; i < p.length; i++) {
            p[i] = values.length == 0 ? 0 : 100.0 * p[i] / values.length;
        }
        return p;
    }

    /** Bin labels: the lower edge of each regular bin, {@code <start} and {@code ≥end} for the open ones. */
    List<String> labels() {
        int decimals = (int) Math.max(0, -Math.floor(Math.log10(width) + 1e-9));
        List<String> l = new ArrayList<>();
        if (underflow) {
            l.add("<" + edge(0, decimals));
        }
        for (int i = 0; i < regular; i++) {
            l.add(edge(i, decimals));
        }
        if (overflow) {
            l.add("≥" + edge(regular, decimals));
        }
        return l;
    }

    private String edge(int i, int decimals) {
        double e = start + i * width;
        if (Math.abs(e) < width / 2) {
            e = 0; // no "-0.00"
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", e);
    }
}
