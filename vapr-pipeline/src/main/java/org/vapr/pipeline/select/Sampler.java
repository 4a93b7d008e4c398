package org.vapr.pipeline.select;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.vapr.core.Category;

/**
 * Stratified, seeded, nested sampler. Candidates are added one by one and kept as primitive arrays (about
 * 30 bytes each, so 1.5M turns of LLaVA-665K take ~45 MB). Each gets a key = hash(seed, source_id, turn),
 * independent of input order. Within a category candidates are ordered by (rank of the candidate among its
 * image's candidates in that category, key), so every image contributes one turn per category before any
 * image contributes a second. Slots are allocated one at a time: slot {@code k} goes to the category with
 * the largest deficit {@code share·k − taken} (ties by category order), skipping exhausted categories.
 * The allocation sequence does not depend on the requested size, so the sample of size {@code n} is a
 * prefix of the sample of size {@code n + 1} (same seed): 3K ⊂ 10K ⊂ 30K.
 */
public final class Sampler {
    private final Shares shares;
    private final long seed;
    private final Columns.Longs keys = new Columns.Longs();
    private final Columns.Longs images = new Columns.Longs();
    private final Columns.Bytes cats = new Columns.Bytes();
    private final Columns.Longs locators = new Columns.Longs();
    private final Columns.Longs tags = new Columns.Longs();
    private int size;

    public Sampler(Shares shares, long seed) {
        this.shares = shares;
        this.seed = seed;
    }

    /** The order key of a candidate: a 64-bit hash of (seed, source id, turn). */
    public static long key(long seed, String sourceId, int turn) {
        long h = mix(seed ^ 0x9E3779B97F4A7C15L);
        h = mix(h ^ stringHash(sourceId));
        return mix(h ^ (turn * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL));
    }

    /** A 64-bit hash of a string (stable across JVMs, unlike {@link String#hashCode()} collisions). */
    public static long stringHash(String s) {
        long h = 0xCBF29CE484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001B3L;
        }
        return mix(h);
    }

    /** SplitMix64 finaliser. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Adds a candidate.
     *
     * @param locator where the caller can find the candidate again (e.g. a byte offset)
     * @param tag     any further caller data (e.g. line number, turn)
     * @return the candidate's index, as returned by {@link Selection#candidate(int)}
     */
    public int add(Category category, String sourceId, int turn, String image, long locator, long tag) {
        keys.add(key(seed, sourceId, turn));
        images.add(stringHash(image == null ? "" : image));
        cats.add((byte) category.ordinal());
        locators.add(locator);
        tags.add(tag);
        return size++;
    }

    /** Candidates added so far. */
    public int size() {
        return size;
    }

    /** The order key of an added candidate. */
    public long keyOf(int index) {
        return keys.get(index);
    }

    /** The caller's locator of an added candidate. */
    public long locator(int index) {
        return locators.get(index);
    }

    /** The caller's tag of an added candidate. */
    public long tag(int index) {
        return tags.get(index);
    }

    /** The category of an added candidate. */
    public Category category(int index) {
        return Category.values()[cats.get(index)];
    }

    /** Draws {@code n} candidates (fewer if all categories run out). */
    public Selection select(int n) {
        Category[] all = Category.values();
        int k = all.length;
        int[] counts = new int[k];
        for (int i = 0; i < size; i++) {
            counts[cats.get(i)]++;
        }
        int[][] perCat = new int[k][];
        for (int c = 0; c < k; c++) {
            perCat[c] = new int[counts[c]];
        }
        int[] fill = new int[k];
        for (int i = 0; i < size; i++) {
            int c = cats.get(i);
            perCat[c][fill[c]++] = i;
        }
        int[] rank = new int[size];
        for (int c = 0; c < k; c++) {
            int[] idx = perCat[c];
            IndexSort.sort(idx, (a, b) -> {
                int r = Long.compare(images.get(a), images.get(b));
                return r != 0 ? r : Long.compare(keys.get(a), keys.get(b));
            });
            for (int j = 0; j < idx.length; j++) {
                rank[idx[j]] = j > 0 && images.get(idx[j]) == images.get(idx[j - 1]) ? rank[idx[j - 1]] + 1 : 0;
            }
            IndexSort.sort(idx, (a, b) -> {
                int r = Integer.compare(rank[a], rank[b]);
                return r != 0 ? r : Long.compare(keys.get(a), keys.get(b));
            });
        }
        double[] share = new double[k];
        for (int c = 0; c < k; c++) {
            share[c] = shares.share(all[c]);
        }
        int[] taken = new int[k];
        int[] target = allocate(share, n);
        int[] order = new int[n];
        int got = 0;
        for (int slot = 1; slot <= n; slot++) {
            int best = pick(share, counts, taken, slot);
            if (best < 0) {
                break;
            }
            order[got++] = perCat[best][taken[best]++];
        }
        SortedMap<String, Long> targetMap = new TreeMap<>();
        SortedMap<String, Long> gotMap = new TreeMap<>();
        SortedMap<String, Long> availMap = new TreeMap<>();
        List<String> shortfalls = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            targetMap.put(all[c].id(), (long) target[c]);
            gotMap.put(all[c].id(), (long) taken[c]);
            availMap.put(all[c].id(), (long) counts[c]);
            if (taken[c] < target[c]) {
                shortfalls.add(all[c].id() + ": target " + target[c] + ", got " + taken[c] + " (only " + counts[c]
                        + " candidates)");
            }
        }
        return new Selection(Arrays.copyOf(order, got), targetMap, gotMap, availMap, shortfalls);
    }

    /** Allocation with unlimited candidates: the per-category targets for size n. */
    private static int[] allocate(double[] share, int n) {
        int[] taken = new int[share.length];
        for (int slot = 1; slot <= n; slot++) {
            int best = pick(share, null, taken, slot);
            if (best < 0) {
                break;
            }
            taken[best]++;
        }
        return taken;
    }

    private static int pick(double[] share, int[] counts, int[] taken, int slot) {
        int best = -1;
        double bestDeficit = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < share.length; c++) {
            if (share[c] <= 0 || (counts != null && taken[c] >= counts[c])) {
                continue;
            }
            double deficit = share[c] * slot - taken[c];
            if (deficit > bestDeficit) {
                bestDeficit = deficit;
                best = c;
            }
        }
        return best;
    }

    /**
     * The result of a draw: candidate indices in sampler order and per-category target, got and available.
     */
    public static final class Selection {
        private final int[] order;
        private final SortedMap<String, Long> target;
        private final SortedMap<String, Long> got;
        private final SortedMap<String, Long> available;
        private final List<String> shortfalls;

        Selection(int[] order, SortedMap<String, Long> target, SortedMap<String, Long> got,
                  SortedMap<String, Long> available, List<String> shortfalls) {
            this.order = order;
            this.target = target;
            this.got = got;
            this.available = available;
            this.shortfalls = List.copyOf(shortfalls);
        }

        /** Number of candidates drawn. */
        public int size() {
            return order.length;
        }

        /** The candidate index at position {@code k} of the sampler order. */
        public int candidate(int k) {
            return order[k];
        }

        /** Per-category targets had every category enough candidates. */
        public SortedMap<String, Long> target() {
            return target;
        }

        /** Per-category counts drawn. */
        public SortedMap<String, Long> got() {
            return got;
        }

        /** Per-category candidates available. */
        public SortedMap<String, Long> available() {
            return available;
        }

        /** One line per category that got less than its target. */
        public List<String> shortfalls() {
            return shortfalls;
        }
    }
}
