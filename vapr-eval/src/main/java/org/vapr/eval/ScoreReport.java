package org.vapr.eval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vapr.eval.score.Bootstrap;
import org.vapr.eval.score.Interval;
import org.vapr.eval.score.PairedDifference;
import org.vapr.eval.score.ScoreDefinition;

/**
 * Everything {@code vapr eval score} reports, as written to {@code --json}: the scores (fractions in [0, 1]) with
 * bootstrap intervals, the counts behind them and, with {@code --compare}, the paired differences.
 *
 * @param benchmark   the benchmark id
 * @param parser      the parser that read the answers: POPE's ({@code official} or {@code lmms-eval}), multiple choice's and
 *                    NaturalBench's ({@code official} or {@code option-text}), or {@code null} (world-qa)
 * @param data        the data files
 * @param predictions the predictions files
 * @param counts      item counts and problems
 * @param bootstrap   the bootstrap settings, or {@code null} when intervals were not computed
 * @param primary     the name of the headline score
 * @param scores      every score in report order
 * @param comparison  the paired comparison with a second predictions file, or {@code null}
 */
public record ScoreReport(String benchmark, String parser, List<String> data, List<String> predictions, Counts counts,
                          BootstrapSettings bootstrap, String primary, List<Row> scores, Comparison comparison) {

    /**
     * Counts of one scored predictions file.
     *
     * @param items                  items scored
     * @param units                  resampling units (NaturalBench groups; otherwise equal to items)
     * @param missingPredictions     items without a prediction (scored as wrong)
     * @param unknownQuestionIds     predictions for ids not in the data (ignored)
     * @param duplicatePredictions   repeated ids in the predictions (first kept)
     * @param unparsable             answers the parser could not read (scored as wrong)
     * @param skipped                data records this score leaves out
     * @param skippedReason          why, or {@code null}
     */
    public record Counts(int items, int units, int missingPredictions, int unknownQuestionIds, int duplicatePredictions,
                         int unparsable, int skipped, String skippedReason) {
        static Counts of(ScoredRun run) {
            return new Counts(run.items().size(), run.units().size(), run.missingPredictions(), run.unknownQuestionIds(),
                    run.duplicatePredictions(), run.unparsable(), run.skipped(), run.skippedReason());
        }
    }

    /**
     * @param samples    replicates B
     * @param seed       the seed
     * @param confidence the confidence level
     * @param method     always {@code percentile}
     * @param unit       what is resampled ({@code item} or {@code group}), stratified by split or category
     */
    public record BootstrapSettings(int samples, long seed, double confidence, String method, String unit) {
    }

    /**
     * One score.
     *
     * @param name   e.g. {@code random/f1}, {@code g_acc}, {@code subject/Art}
     * @param value  the score, or {@code null} when undefined
     * @param ciLow  the interval's lower bound, or {@code null}
     * @param ciHigh the upper bound, or {@code null}
     * @param detail whether it is a per-category detail
     */
    public record Row(String name, Double value, Double ciLow, Double ciHigh, boolean detail) {
    }

    /**
     * A paired comparison: second file minus first.
     *
     * @param predictions the second predictions files
     * @param counts      the second file's counts
     * @param differences one row per score
     */
    public record Comparison(List<String> predictions, Counts counts, List<Difference> differences) {
    }

    /**
     * One score's paired difference.
     *
     * @param name       the score
     * @param first      its value for the first file
     * @param second     its value for the second file
     * @param difference second − first
     * @param ciLow      the interval's lower bound
     * @param ciHigh     the upper bound
     * @param pValue     the two-sided bootstrap p-value
     * @param detail     whether it is a per-category detail
     */
    public record Difference(String name, Double first, Double second, Double difference, Double ciLow, Double ciHigh,
                             Double pValue, boolean detail) {
    }

    /**
     * Computes the report.
     *
     * @param bootstrap the bootstrap, or {@code null} for point estimates only
     * @param other     a second run on the same data to compare with, or {@code null}
     */
    public static ScoreReport of(ScoredRun run, List<Path> dataFiles, List<Path> predictionFiles, Bootstrap bootstrap,
                                 ScoredRun other, List<Path> otherFiles) {
        ScoreDefinition def = run.benchmark().scores();
        LinkedHashMap<String, Double> values = def.compute(run.units());
        Map<String, Interval> ci = bootstrap == null ? Map.of() : bootstrap.intervals(run.units(), def);
        List<Row> rows = new ArrayList<>();
        values.forEach((k, v) -> {
            Interval i = ci.get(k);
            rows.add(new Row(k, finite(v), i == null ? null : finite(i.low()), i == null ? null : finite(i.high()), def.detail(k)));
        });
        Comparison comparison = null;
        if (other != null) {
            if (!sameItems(run, other)) {
                throw new IllegalArgumentException("--compare: the two predictions files must be scored on the same items");
            }
            Bootstrap b = bootstrap != null ? bootstrap : Bootstrap.of(1000, 42);
            Map<String, PairedDifference> diffs = b.paired(run.units(), other.units(), def);
            List<Difference> drows = new ArrayList<>();
            diffs.forEach((k, d) -> drows.add(new Difference(k, finite(d.first()), finite(d.second()), finite(d.difference()),
                    finite(d.interval().low()), finite(d.interval().high()), finite(d.pValue()), def.detail(k))));
            comparison = new Comparison(otherFiles.stream().map(Path::toString).toList(), Counts.of(other), drows);
        }
        BootstrapSettings settings = bootstrap == null ? null : new BootstrapSettings(bootstrap.samples(), bootstrap.seed(),
                bootstrap.confidence(), "percentile", run.benchmark() == Benchmark.NATURALBENCH ? "group" : "item");
        return new ScoreReport(run.benchmark().id(), run.parser(),
                dataFiles.stream().map(Path::toString).toList(), predictionFiles.stream().map(Path::toString).toList(),
                Counts.of(run), settings, def.primary(values), rows, comparison);
    }

    private static boolean sameItems(ScoredRun a, ScoredRun b) {
        if (a.items().size() != b.items().size()) {
            return false;
        }
        for (int i = 0; i < a.items().size(); i++) {
            if (!a.items().get(i).questionId().equals(b.items().get(i).questionId())) {
                return false;
            }
        }
        return true;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** Writes the report as pretty-printed JSON (snake_case), atomically. */
    public void writeJson(Path file) throws java.io.IOException {
        String body = org.vapr.core.io.Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(this);
        org.vapr.core.io.AtomicFiles.writeString(file, body + "\n");
    }

    /** The row of a score, or {@code null}. */
    public Row score(String name) {
        return scores.stream().filter(r -> r.name().equals(name)).findFirst().orElse(null);
    }
}
