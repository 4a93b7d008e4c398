package org.vapr.analysis;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;
import org.vapr.analysis.read.ReadSummary;
import org.vapr.analysis.stats.BiasStatistics;

/**
 * The analysis of one dataset file.
 *
 * @param file       the file as given
 * @param tokenizer  the tokenizer name, e.g. {@code o200k_base}
 * @param read       what reading gave (format, problems, skipped records)
 * @param overall    statistics over every pair
 * @param categories statistics per category, by category id; empty when the format carries no categories
 */
public record BiasReport(String file, String tokenizer, ReadSummary read, BiasStatistics overall,
                         SortedMap<String, BiasStatistics> categories) {
    public BiasReport {
        categories = Collections.unmodifiableSortedMap(new TreeMap<>(categories));
    }
}
