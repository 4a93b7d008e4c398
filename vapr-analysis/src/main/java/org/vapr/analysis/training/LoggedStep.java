package org.vapr.analysis.training;

import java.util.Map;
import java.util.TreeMap;

/**
 * One line of {@code metrics.jsonl}: a logging step or an evaluation, with its numeric metrics keyed as the training
 * engine logs them ({@code loss}, {@code rewards/accuracies}, {@code learning_rate}, …); for an evaluation the
 * {@code eval_} prefix is removed, so both kinds use the same keys.
 *
 * @param step    the optimizer step
 * @param epoch   the fractional epoch, or {@code NaN} when the line has none
 * @param line    the 1-based line number in the file, for messages
 * @param metrics metric name → value (sorted by name); non-finite values are kept as {@code NaN}/infinities
 */
public record LoggedStep(long step, double epoch, long line, Map<String, Double> metrics) {
    public LoggedStep {
        metrics = java.util.Collections.unmodifiableMap(new TreeMap<>(metrics));
    }

    /** The value of {@code metric}, or {@code NaN} when the line does not log it. */
    public double value(String metric) {
        Double v = metrics.get(metric);
        return v == null ? Double.NaN : v;
    }

    /** Whether the line logs a finite value of {@code metric}. */
    public boolean has(String metric) {
        return Double.isFinite(value(metric));
    }
}
