package org.vapr.pipeline;

import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;

/**
 * What a build run did. Counts are turns unless named otherwise ({@code recordsRead} and {@code badRecords}
 * count corpus records, or lines for a run that starts from a stage file). {@code droppedByReason} holds every
 * drop of the run, including {@code bad_record} (records) and the edit-stage reasons. Oracle counts: {@code
 * oracleFalse + oracleUnknown = pairs} (verdicts on the accepted rejected answers); {@code oracleTrue} counts
 * pairs dropped because their rejected answer was still TRUE after the last attempt.
 */
public record BuildReport(long recordsRead, long badRecords, long turns, long kept, long candidates, long sampled,
                          long pairs, SortedMap<String, Long> droppedByReason,
                          SortedMap<String, Long> candidatesByCategory, SortedMap<String, Long> pairsByCategory,
                          SortedMap<String, Long> targetByCategory, long oracleTrue, long oracleFalse,
                          long oracleUnknown, double meanWordLevenshtein, double meanTokenLengthDelta,
                          List<Path> outputs, List<String> warnings) {

    public BuildReport {
        droppedByReason = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(droppedByReason));
        candidatesByCategory = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(candidatesByCategory));
        pairsByCategory = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(pairsByCategory));
        targetByCategory = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(targetByCategory));
        outputs = List.copyOf(outputs);
        warnings = List.copyOf(warnings);
    }

    /** Share of pairs whose rejected answer the verifier proved FALSE: {@code oracleFalse / pairs}; NaN without pairs. */
    public double oracleVerifiedShare() {
        return pairs == 0 ? Double.NaN : (double) oracleFalse / pairs;
    }
}
