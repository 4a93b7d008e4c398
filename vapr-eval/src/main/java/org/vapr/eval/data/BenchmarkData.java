package org.vapr.eval.data;

import java.util.List;

/**
 * The scorable items read from one benchmark file, and what was left out.
 *
 * @param items   the items, in file order
 * @param skippedIds the ids of records this benchmark's score leaves out (video questions of SEED-Bench,
 *                open questions of MMMU, free-form questions of MathVista); predictions for them are not "unknown"
 * @param skippedReason why they are left out, or {@code null} when none were
 */
public record BenchmarkData(List<EvalItem> items, List<String> skippedIds, String skippedReason) {
    public BenchmarkData {
        items = List.copyOf(items);
        skippedIds = List.copyOf(skippedIds);
    }

    /** Records left out. */
    public int skipped() {
        return skippedIds.size();
    }

    /** Items with nothing left out. */
    public static BenchmarkData of(List<EvalItem> items) {
        return new BenchmarkData(items, List.of(), null);
    }
}
