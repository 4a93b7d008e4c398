package org.vapr.eval;

import java.util.List;
import org.vapr.eval.score.ScoredItem;

/**
 * One predictions file scored against a benchmark: every item with its parsed answer, grouped into resampling
 * units, and the counts a reader of the scores needs.
 *
 * @param benchmark          the benchmark
 * @param parser             the id of the parser that read the answers (POPE's, or the multiple-choice one for
 *                           multiple choice and NaturalBench), or {@code null} (world-qa)
 * @param items              every item in data order
 * @param units              the items grouped for resampling (NaturalBench: groups of four; otherwise one item each)
 * @param missingPredictions items the predictions do not answer (scored as wrong)
 * @param unknownQuestionIds predictions whose question id is not in the data (ignored)
 * @param duplicatePredictions predictions repeating an id already answered (the first is kept)
 * @param unparsable         answers the parser could not read (scored as wrong)
 * @param skipped            records of the data files the score leaves out
 * @param skippedReason      why, or {@code null}
 */
public record ScoredRun(Benchmark benchmark, String parser, List<ScoredItem> items, List<List<ScoredItem>> units,
                        int missingPredictions, int unknownQuestionIds, int duplicatePredictions, int unparsable,
                        int skipped, String skippedReason) {
    public ScoredRun {
        items = List.copyOf(items);
        units = units.stream().map(List::copyOf).toList();
    }

    /** Writes every scored item as one JSON line, in data order, atomically. */
    public void writeItems(java.nio.file.Path file) throws java.io.IOException {
        try (org.vapr.core.io.JsonlWriter w = org.vapr.core.io.JsonlWriter.open(file)) {
            items.forEach(w::write);
        }
    }
}
