package org.vapr.core.manifest;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Counts by key (drop reasons, categories), kept sorted so that manifests are byte-stable. Not thread-safe. */
public final class Tally {
    private final TreeMap<String, Long> counts = new TreeMap<>();

    public Tally add(String key) {
        return add(key, 1);
    }

    public Tally add(String key, long n) {
        counts.merge(key, n, Long::sum);
        return this;
    }

    /** Adds every count of another tally. */
    public Tally addAll(Tally other) {
        other.counts.forEach(this::add);
        return this;
    }

    public long get(String key) {
        return counts.getOrDefault(key, 0L);
    }

    public long total() {
        long t = 0;
        for (long v : counts.values()) {
            t += v;
        }
        return t;
    }

    /** Read-only sorted view. */
    public SortedMap<String, Long> asMap() {
        return Collections.unmodifiableSortedMap(counts);
    }

    public boolean isEmpty() {
        return counts.isEmpty();
    }

    @Override
    public String toString() {
        return counts.toString();
    }

    /** A tally holding the given counts. */
    public static Tally of(Map<String, Long> counts) {
        Tally t = new Tally();
        counts.forEach(t::add);
        return t;
    }
}
