package org.vapr.analysis.stats;

import java.util.List;

/**
 * Duplicate pairs (see {@link PairMetrics}).
 *
 * @param exact        pairs whose chosen and rejected are equal after normalisation
 * @param near         pairs that are not exact but have normalized word similarity ≥ 0.95
 * @param oneWordApart pairs (not exact) whose normalized words differ by one edit; reported apart from {@code near}
 *                     because a one-word edit is exactly what a hard negative is meant to be
 * @param exactShare   {@code exact / pairs}
 * @param nearShare    {@code near / pairs}
 */
public record Duplicates(long exact, long near, long oneWordApart, double exactShare, double nearShare) {

    public static Duplicates of(List<PairMetrics> pairs) {
        long exact = 0;
        long near = 0;
        long one = 0;
        for (PairMetrics p : pairs) {
            exact += p.exactDuplicate() ? 1 : 0;
            near += p.nearDuplicate() ? 1 : 0;
            one += p.oneWordApart() ? 1 : 0;
        }
        int n = pairs.size();
        return new Duplicates(exact, near, one, n == 0 ? 0 : (double) exact / n, n == 0 ? 0 : (double) near / n);
    }
}
