package org.vapr.pipeline.edit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.vapr.core.Category;

/**
 * Dynamic penalty lists (paper §3.4): per category, how often each replacement value has been used so far;
 * the {@code k} most used values are handed to the editor to avoid, so replacements spread out instead of
 * always turning "three" into "five". Updated in sampler order, so it is deterministic. Not thread-safe.
 */
public final class PenaltyList {
    private final int topK;
    private final Map<Category, TreeMap<String, Long>> counts = new EnumMap<>(Category.class);

    /** @param topK how many of the most frequent values to penalise (0 disables the lists) */
    public PenaltyList(int topK) {
        this.topK = topK;
    }

    /** The values to avoid for a category: the {@code topK} most used, ties broken by value. */
    public List<String> avoid(Category c) {
        TreeMap<String, Long> m = counts.get(c);
        if (m == null || topK <= 0) {
            return List.of();
        }
        List<Map.Entry<String, Long>> e = new ArrayList<>(m.entrySet());
        e.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        return e.stream().limit(topK).map(Map.Entry::getKey).toList();
    }

    /** Records the values of an accepted edit. */
    public void record(Category c, Collection<String> values) {
        TreeMap<String, Long> m = counts.computeIfAbsent(c, k -> new TreeMap<>());
        for (String v : values) {
            m.merge(v.toLowerCase(Locale.ROOT), 1L, Long::sum);
        }
    }

    /** Counts per category id and value, for the manifest. */
    public SortedMap<String, SortedMap<String, Long>> snapshot() {
        SortedMap<String, SortedMap<String, Long>> out = new TreeMap<>();
        counts.forEach((c, m) -> out.put(c.id(), new TreeMap<>(m)));
        return out;
    }
}
