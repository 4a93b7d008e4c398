package org.vapr.analysis.read;

import java.util.List;
import java.util.SortedMap;

/**
 * What reading one file gave.
 *
 * @param format        the format read (detected or requested)
 * @param shape         how the records were laid out
 * @param records       records parsed as JSON objects (a malformed JSONL line is only a problem)
 * @param samples       pairs delivered
 * @param problems      bad records (each one line; reading went on unless {@code stoppedEarly})
 * @param firstProblems up to {@link SampleReader#PROBLEMS_KEPT} of them, in file order
 * @param stoppedEarly  whether a syntax error inside a JSON array or object stopped reading
 * @param skipped       valid records that give no pair, by reason (VLFeedback ties, HA-DPO correct answers)
 */
public record ReadSummary(SourceFormat format, RecordShape shape, long records, long samples, long problems,
                          List<org.vapr.core.InputProblem> firstProblems, boolean stoppedEarly,
                          SortedMap<String, Long> skipped) {
    public ReadSummary {
        firstProblems = List.copyOf(firstProblems);
        skipped = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(skipped));
    }
}
